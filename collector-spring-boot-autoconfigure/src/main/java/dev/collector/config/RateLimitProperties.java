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
	 * request of the collector HTTP client, for all the replicas together when scope is
	 * cluster. Lower for a while after a 429. Changeable live through /actuator/refresh
	 * (on one replica: every replica follows).
	 */
	private int requestsPerMinute = 60;

	/**
	 * Longest time a call waits for a permit before it fails with RequestNotPermitted.
	 * Changeable live.
	 */
	private Duration maxWait = Duration.ofMinutes(5);

	/**
	 * Whether requests-per-minute is shared by all the replicas of the collector
	 * (cluster: they stay under it together, through the database) or holds for each
	 * replica (local). Defaults to cluster with a shared database (PostgreSQL, MariaDB),
	 * local with an embedded one (H2) or none.
	 */
	private Scope scope;

	/**
	 * How often a replica renews its share of a cluster-wide budget: how quickly the
	 * shares follow replicas that come, go or fall idle, a pause after a 429 reaches the
	 * other replicas, and a changed limit applies everywhere.
	 */
	private Duration leaseRenewal = Duration.ofSeconds(2);

	/**
	 * Factor by which a 429 from the source shrinks the budget (multiplicative decrease);
	 * it then climbs back to requests-per-minute over recovery-time.
	 */
	private double decreaseFactor = 0.5;

	/**
	 * Time the budget takes to climb back from nothing to requests-per-minute after a 429
	 * shrank it (linearly: after a halving, half of this time).
	 */
	private Duration recoveryTime = Duration.ofMinutes(5);

	/**
	 * Pause of every call to the source after a 429 that names no Retry-After.
	 */
	private Duration pause = Duration.ofSeconds(10);

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

	public Scope getScope() {
		return this.scope;
	}

	public void setScope(Scope scope) {
		this.scope = scope;
	}

	public Duration getLeaseRenewal() {
		return this.leaseRenewal;
	}

	public void setLeaseRenewal(Duration leaseRenewal) {
		this.leaseRenewal = leaseRenewal;
	}

	public double getDecreaseFactor() {
		return this.decreaseFactor;
	}

	public void setDecreaseFactor(double decreaseFactor) {
		this.decreaseFactor = decreaseFactor;
	}

	public Duration getRecoveryTime() {
		return this.recoveryTime;
	}

	public void setRecoveryTime(Duration recoveryTime) {
		this.recoveryTime = recoveryTime;
	}

	public Duration getPause() {
		return this.pause;
	}

	public void setPause(Duration pause) {
		this.pause = pause;
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
			errors.rejectValue("requestsPerMinute", "range", "must be at least 1");
		}
		if (this.maxWait == null || this.maxWait.isNegative()) {
			errors.rejectValue("maxWait", "range", "must not be negative");
		}
		if (this.decreaseFactor <= 0 || this.decreaseFactor >= 1) {
			errors.rejectValue("decreaseFactor", "range", "must be between 0 and 1 (exclusive)");
		}
		for (Duration duration : new Duration[] { this.leaseRenewal, this.recoveryTime, this.pause }) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				errors.reject("range", "collector.rate-limit lease-renewal, recovery-time and pause must be positive");
			}
		}
	}

	/**
	 * Who shares requests-per-minute.
	 */
	public enum Scope {

		/** All the replicas of the collector together, through the database. */
		CLUSTER,

		/** Each replica on its own. */
		LOCAL

	}

}
