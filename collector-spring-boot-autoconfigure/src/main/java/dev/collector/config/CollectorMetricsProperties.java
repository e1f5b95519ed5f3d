package dev.collector.config;

import org.springframework.validation.Errors;

/**
 * Metrics.
 */
public class CollectorMetricsProperties {

	/**
	 * Prefix of the collector's meter names: "collector" exports
	 * collector_collection_requests_total and so on.
	 */
	private String prefix = "collector";

	/**
	 * Maximum number of label sets of each metric declared through the CollectorMetrics
	 * facade; further label sets are dropped and counted.
	 */
	private int maxLabelSets = 100;

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public int getMaxLabelSets() {
		return this.maxLabelSets;
	}

	public void setMaxLabelSets(int maxLabelSets) {
		this.maxLabelSets = maxLabelSets;
	}

	void validate(Errors errors) {
		if (this.maxLabelSets < 1) {
			errors.rejectValue("maxLabelSets", "range", "must be at least 1");
		}
		if (this.prefix == null || !this.prefix.matches("[a-zA-Z_][a-zA-Z0-9_.]*")) {
			errors.rejectValue("prefix", "pattern",
					"must start with a letter or '_' and hold only letters, digits, '_' and '.'");
		}
	}

}
