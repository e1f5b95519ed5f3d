package dev.collector.helm;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana variable query) reads. Not a PromQL
 * parser: it removes what cannot be a metric name (strings, label matchers, ranges,
 * grouping clauses, Grafana variables) and keeps the identifiers that are neither a
 * function call nor a keyword.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?\\w+}?");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\(\\s*(?:([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{[^}]*})?\\s*,)?\\s*\\w+\\s*\\)\\s*$");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher labelValues = LABEL_VALUES.matcher(expression);
		if (labelValues.matches()) {
			if (labelValues.group(1) != null) {
				names.add(labelValues.group(1));
			}
			return names;
		}
		String stripped = STRING.matcher(expression).replaceAll(" ");
		stripped = MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		stripped = GRAFANA_VARIABLE.matcher(stripped).replaceAll(" ");
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			boolean call = identifier.group(2) != null;
			String name = identifier.group(1);
			if (!call && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
