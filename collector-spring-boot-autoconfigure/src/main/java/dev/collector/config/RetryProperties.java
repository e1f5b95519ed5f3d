package dev.collector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.validation.Errors;

/**
 * Retries of failed calls to the source, to the sink's database and of HTTP requests,
 * under {@code collector.retry.*}. The delay before attempt n+1 is initial-delay *
 * multiplier^(n-1), capped at max-delay, then spread randomly by +/- jitter.
 */
public class RetryProperties {

	/**
	 * Attempts in total, the first one included (1 means no retry). Changeable live.
	 */
	private int maxAttempts = 3;

	/**
	 * Delay before the first retry. Changeable live.
	 */
	private Duration initialDelay = Duration.ofSeconds(1);

	/**
	 * Longest delay between two attempts. Changeable live.
	 */
	private Duration maxDelay = Duration.ofSeconds(30);

	/**
	 * Factor by which the delay grows after each failed attempt. Changeable live.
	 */
	private double multiplier = 2.0;

	/**
	 * Random spread of each delay, as a fraction of it (0.5 = anywhere from half to one
	 * and a half times the delay), so that replicas do not retry in step. Changeable
	 * live.
	 */
	private double jitter = 0.5;

	/**
	 * Longest time one attempt may take: opening the collector's stream or one HTTP
	 * request. A slower attempt fails with a timeout and counts as a failure.
	 */
	private Duration attemptTimeout = Duration.ofSeconds(30);

	/**
	 * HTTP status codes of the collector HTTP client that are retried; any other error
	 * status fails at once. Connection failures and timeouts are always retried.
	 * Changeable live.
	 */
	private List<Integer> retryOnStatus = new ArrayList<>(List.of(429, 502, 503, 504));

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		this.initialDelay = initialDelay;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = attemptTimeout;
	}

	public List<Integer> getRetryOnStatus() {
		return this.retryOnStatus;
	}

	public void setRetryOnStatus(List<Integer> retryOnStatus) {
		this.retryOnStatus = retryOnStatus;
	}

	void validate(Errors errors) {
		if (this.maxAttempts < 1) {
			errors.rejectValue("maxAttempts", "range", "must be at least 1");
		}
		if (this.initialDelay == null || this.initialDelay.isZero() || this.initialDelay.isNegative()) {
			errors.rejectValue("initialDelay", "range", "must be a positive duration such as 1s");
		}
		if (this.maxDelay == null || (this.initialDelay != null && this.maxDelay.compareTo(this.initialDelay) < 0)) {
			errors.rejectValue("maxDelay", "range", "must not be shorter than collector.retry.initial-delay");
		}
		if (this.multiplier < 1.0) {
			errors.rejectValue("multiplier", "range", "must be at least 1.0");
		}
		if (this.jitter < 0.0 || this.jitter >= 1.0) {
			errors.rejectValue("jitter", "range", "must be at least 0 and below 1");
		}
		if (this.attemptTimeout == null || this.attemptTimeout.isZero() || this.attemptTimeout.isNegative()) {
			errors.rejectValue("attemptTimeout", "range", "must be a positive duration such as 30s");
		}
	}

}
