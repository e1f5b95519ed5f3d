package dev.collector.metrics;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prometheus rules for the names and label keys collector authors choose, checked when a
 * meter is registered so a bad name fails at start-up with a clear message instead of
 * being silently rewritten by the registry.
 */
final class MetricNames {

	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	/** Suffixes the registry appends itself; a name that has one would show it twice. */
	private static final List<String> RESERVED_SUFFIXES = List.of("_total", "_count", "_sum", "_bucket", "_created",
			"_seconds", "_max");

	/** Labels Prometheus or the framework already use. */
	private static final Set<String> RESERVED_LABELS = Set.of("collector", "le", "quantile", "job", "instance");

	private MetricNames() {
	}

	static void checkName(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid metric name '" + name
					+ "': use lower-case letters, digits and '_', starting with a letter or '_' (e.g. items_fetched)");
		}
		if (name.startsWith("__")) {
			throw new IllegalArgumentException(
					"Invalid metric name '" + name + "': names starting with '__' are reserved");
		}
		for (String suffix : RESERVED_SUFFIXES) {
			if (name.endsWith(suffix)) {
				throw new IllegalArgumentException("Invalid metric name '" + name + "': drop the '" + suffix
						+ "' suffix, the registry adds the suffixes of each meter type itself");
			}
		}
	}

	static void checkDescription(String name, String description) {
		if (description == null || description.isBlank()) {
			throw new IllegalArgumentException("Metric '" + name + "' needs a description: it is the # HELP line");
		}
	}

	static void checkLabelKeys(String name, List<String> keys) {
		for (String key : keys) {
			if (key == null || !LABEL.matcher(key).matches() || key.startsWith("__")) {
				throw new IllegalArgumentException("Invalid label '" + key + "' of metric '" + name
						+ "': use letters, digits and '_', starting with a letter or a single '_'");
			}
			if (RESERVED_LABELS.contains(key)) {
				throw new IllegalArgumentException("Label '" + key + "' of metric '" + name
						+ "' is reserved (collector, le, quantile, job and instance are set by the framework or Prometheus)");
			}
		}
		if (Set.copyOf(keys).size() != keys.size()) {
			throw new IllegalArgumentException("Metric '" + name + "' declares a label twice: " + keys);
		}
	}

}
