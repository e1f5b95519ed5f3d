package dev.collector.sample.news;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample line of the Prometheus text format, {@code name{labels} value [timestamp]},
 * so tests assert on names, labels and values rather than on substrings.
 *
 * @param name the metric name
 * @param labels the labels, in order
 * @param value the value
 */
record PrometheusSample(String name, Map<String, String> labels, double value) {

	private static final Pattern LINE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	/**
	 * Parse a scrape.
	 * @param text the exposition text
	 * @return its samples, comments and blank lines left out
	 * @throws IllegalArgumentException on a line that is not a sample
	 */
	static List<PrometheusSample> parse(String text) {
		return text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).map((line) -> {
			Matcher matcher = LINE.matcher(line);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			return new PrometheusSample(matcher.group(1), labels, Double.parseDouble(matcher.group(3)));
		}).toList();
	}

	/**
	 * The value of the one series of a metric with the given labels (among others).
	 * @param text the exposition text
	 * @param name the metric name
	 * @param labelPairs label names and values, alternately
	 * @return the value, or 0 when no such series exists yet
	 * @throws IllegalStateException when several series match
	 */
	static double value(String text, String name, String... labelPairs) {
		List<PrometheusSample> matching = parse(text).stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> {
				for (int i = 0; i < labelPairs.length; i += 2) {
					if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
						return false;
					}
				}
				return true;
			})
			.toList();
		if (matching.size() > 1) {
			throw new IllegalStateException("Several series of " + name + " match: " + matching);
		}
		return matching.isEmpty() ? 0 : matching.get(0).value();
	}

}
