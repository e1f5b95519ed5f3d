package dev.collector.config;

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

}
