package dev.collector.config;

import java.util.Map;

/**
 * Presets for rate limit, retries and batch sizes ({@code collector.profile}). A property
 * set explicitly anywhere (application.yaml, environment, command line) wins over the
 * preset.
 */
public enum PerformanceProfile {

	/** 20 requests per second, short retry delays, large batches. */
	FAST(Map.of("collector.rate-limit.requests-per-minute", "1200", "collector.retry.max-attempts", "3",
			"collector.retry.initial-delay", "200ms", "collector.retry.max-delay", "5s", "collector.sink.batch-size",
			"2000", "collector.circuit-breaker.failure-threshold", "10")),

	/** 10 requests per second, standard retry delays and batches. */
	BALANCED(Map.of("collector.rate-limit.requests-per-minute", "600", "collector.retry.max-attempts", "4",
			"collector.retry.initial-delay", "1s", "collector.retry.max-delay", "30s", "collector.sink.batch-size",
			"1000", "collector.circuit-breaker.failure-threshold", "5")),

	/** 5 requests per second, long retry delays, small batches, more attempts. */
	CONSERVATIVE(Map.of("collector.rate-limit.requests-per-minute", "300", "collector.retry.max-attempts", "6",
			"collector.retry.initial-delay", "2s", "collector.retry.max-delay", "60s", "collector.sink.batch-size",
			"500", "collector.circuit-breaker.failure-threshold", "3"));

	private final Map<String, Object> presets;

	PerformanceProfile(Map<String, Object> presets) {
		this.presets = presets;
	}

	/**
	 * Property values of this profile.
	 * @return property names and values
	 */
	public Map<String, Object> presets() {
		return this.presets;
	}

}
