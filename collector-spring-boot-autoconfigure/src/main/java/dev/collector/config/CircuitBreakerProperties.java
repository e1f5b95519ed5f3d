package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Circuit breaker around the source, under {@code collector.circuit-breaker.*}.
 */
public class CircuitBreakerProperties {

	/**
	 * Consecutive failed calls to the source that open the breaker. While open, calls
	 * fail at once without reaching the source. Changeable live (a changed breaker starts
	 * closed).
	 */
	private int failureThreshold = 5;

	/**
	 * Time the breaker stays open before it lets trial calls through (half-open).
	 * Changeable live.
	 */
	private Duration openDuration = Duration.ofSeconds(60);

	/**
	 * Trial calls let through while half-open; all of them must succeed to close the
	 * breaker again. Changeable live.
	 */
	private int halfOpenCalls = 1;

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public Duration getOpenDuration() {
		return this.openDuration;
	}

	public void setOpenDuration(Duration openDuration) {
		this.openDuration = openDuration;
	}

	public int getHalfOpenCalls() {
		return this.halfOpenCalls;
	}

	public void setHalfOpenCalls(int halfOpenCalls) {
		this.halfOpenCalls = halfOpenCalls;
	}

	void validate(Errors errors) {
		if (this.failureThreshold < 1) {
			errors.rejectValue("failureThreshold", "range", "must be at least 1");
		}
		if (this.openDuration == null || this.openDuration.isZero() || this.openDuration.isNegative()) {
			errors.rejectValue("openDuration", "range", "must be a positive duration such as 60s");
		}
		if (this.halfOpenCalls < 1) {
			errors.rejectValue("halfOpenCalls", "range", "must be at least 1");
		}
	}

}
