package dev.collector.test.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text exposition format (0.0.4, and the OpenMetrics text that
 * Micrometer writes when asked for it), parsed into samples and types, so that tests
 * assert on names, labels and values rather than on substrings. Label values are
 * unescaped; {@code +Inf}, {@code -Inf} and {@code NaN} are values like any other; a
 * sample's timestamp (and an OpenMetrics exemplar) is ignored.
 */
public final class PrometheusText {

	private static final Pattern SAMPLE = Pattern.compile(
			"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+)(?:\\s+[-0-9.eE+]+)?(?:\\s+#.*)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private final Map<String, String> types;

	private PrometheusText(List<Sample> samples, Map<String, String> types) {
		this.samples = List.copyOf(samples);
		this.types = Map.copyOf(types);
	}

	/**
	 * Parse a scrape.
	 * @param text the exposition text
	 * @return the parsed scrape
	 * @throws IllegalArgumentException on a line that is neither a comment nor a sample
	 */
	public static PrometheusText parse(String text) {
		List<Sample> samples = new ArrayList<>();
		Map<String, String> types = new LinkedHashMap<>();
		for (String line : text.lines().toList()) {
			if (line.startsWith("# TYPE ")) {
				String[] parts = line.split("\\s+");
				types.put(parts[2], parts[3]);
			}
			else if (!line.isBlank() && !line.startsWith("#")) {
				samples.add(sample(line));
			}
		}
		return new PrometheusText(samples, types);
	}

	private static Sample sample(String line) {
		Matcher matcher = SAMPLE.matcher(line);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
		}
		Map<String, String> labels = new LinkedHashMap<>();
		if (matcher.group(2) != null) {
			Matcher label = LABEL.matcher(matcher.group(2));
			while (label.find()) {
				labels.put(label.group(1), unescape(label.group(2)));
			}
		}
		return new Sample(matcher.group(1), labels, value(matcher.group(3), line));
	}

	private static double value(String text, String line) {
		return switch (text) {
			case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> {
				try {
					yield Double.parseDouble(text);
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Not a Prometheus sample value in: " + line, ex);
				}
			}
		};
	}

	private static String unescape(String value) {
		if (value.indexOf('\\') < 0) {
			return value;
		}
		StringBuilder unescaped = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				unescaped.append((next == 'n') ? '\n' : next);
			}
			else {
				unescaped.append(c);
			}
		}
		return unescaped.toString();
	}

	public List<Sample> samples() {
		return this.samples;
	}

	/**
	 * The declared type of a metric family.
	 * @param family the family name, e.g. {@code collector_records_processed}
	 * @return {@code counter}, {@code gauge}, ... or {@code null}
	 */
	public String type(String family) {
		return this.types.get(family);
	}

	/**
	 * The samples of a name whose labels include the given pairs.
	 * @param name the sample name
	 * @param labelPairs label names and values, alternately
	 * @return the samples
	 */
	public List<Sample> matching(String name, String... labelPairs) {
		if (labelPairs.length % 2 != 0) {
			throw new IllegalArgumentException("Label names and values must come in pairs");
		}
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).filter((sample) -> {
			for (int i = 0; i < labelPairs.length; i += 2) {
				if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/**
	 * The sum of the matching samples: 0 when none matches (a counter that has not
	 * counted yet).
	 * @param name the sample name
	 * @param labelPairs label names and values, alternately
	 * @return the sum
	 */
	public double value(String name, String... labelPairs) {
		return matching(name, labelPairs).stream().mapToDouble(Sample::value).sum();
	}

	/**
	 * One sample line.
	 *
	 * @param name the sample name
	 * @param labels the labels, in order
	 * @param value the value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

}
