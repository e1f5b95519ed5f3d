package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Rate limit of the calls to the source, under {@code collector.rate-limit.*}.
 */
public class RateLimitProperties {

	/**
	 * Calls to the source allowed per minute, spread evenly (20 per second allows one
	 * call every 50 ms, never a burst of 20). Applies to every source call and to every
	 * request of the collector HTTP client. Changeable live through /actuator/refresh.
	 */
	private int requestsPerMinute = 60;

	/**
	 * Longest time a call waits for a permit before it fails with RequestNotPermitted.
	 * Changeable live.
	 */
	private Duration maxWait = Duration.ofMinutes(5);

	public int getRequestsPerMinute() {
		return this.requestsPerMinute;
	}

	public void setRequestsPerMinute(int requestsPerMinute) {
		this.requestsPerMinute = requestsPerMinute;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	/**
	 * Time between two permits: a minute divided by the allowed calls.
	 * @return the period of one permit
	 */
	public Duration permitPeriod() {
		return Duration.ofNanos(Duration.ofMinutes(1).toNanos() / this.requestsPerMinute);
	}

	void validate(Errors errors) {
		if (this.requestsPerMinute < 1) {
			errors.rejectValue("rateLimit.requestsPerMinute", "range", "must be at least 1");
		}
		if (this.maxWait == null || this.maxWait.isNegative()) {
			errors.rejectValue("rateLimit.maxWait", "range", "must not be negative");
		}
	}

}
