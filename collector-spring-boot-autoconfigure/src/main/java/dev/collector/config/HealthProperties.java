package dev.collector.config;

import java.time.Duration;

/**
 * Health of the collector (the "collector" health component and GET /health).
 */
public class HealthProperties {

	/**
	 * Number of consecutive failed collections after which the collector is reported
	 * DOWN.
	 */
	private int failureThreshold = 3;

	/**
	 * Age of the last successful collection after which the collector is reported DOWN.
	 * Defaults to three schedule intervals while the schedule is enabled; with the
	 * schedule disabled and no value, staleness is not checked.
	 */
	private Duration staleAfter;

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public Duration getStaleAfter() {
		return this.staleAfter;
	}

	public void setStaleAfter(Duration staleAfter) {
		this.staleAfter = staleAfter;
	}

}
