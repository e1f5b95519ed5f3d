package dev.collector.budget;

import java.time.Duration;
import java.time.Instant;

/**
 * The shared state of a rate budget, the same for every replica: the configured limit,
 * the last reduction after a 429 and the pause it asked for. The effective limit is
 * computed from it, so replicas agree on it without writing while it recovers: after a
 * reduction it climbs back linearly to the configured limit within the recovery time
 * (additive increase, multiplicative decrease).
 *
 * @param configured the configured requests per minute
 * @param reduced the effective requests per minute right after the last reduction, or
 * {@code 0} when there was none
 * @param reducedAt when the last reduction happened, or {@code null}
 * @param pausedUntil until when every call waits, or {@code null}
 */
public record BudgetState(int configured, double reduced, Instant reducedAt, Instant pausedUntil) {

	/** The smallest effective limit a reduction leads to. */
	static final double FLOOR = 1.0;

	/**
	 * A budget that was never reduced.
	 * @param configured the configured requests per minute
	 * @return the state
	 */
	public static BudgetState of(int configured) {
		return new BudgetState(configured, 0, null, null);
	}

	/**
	 * The effective requests per minute at a moment.
	 * @param now the moment
	 * @param recovery time to climb from nothing back to the configured limit
	 * @return the effective limit, at most the configured one
	 */
	public double effective(Instant now, Duration recovery) {
		if (this.reducedAt == null) {
			return this.configured;
		}
		double elapsed = Math.max(0, Duration.between(this.reducedAt, now).toMillis());
		double climbed = this.configured * elapsed / Math.max(1, recovery.toMillis());
		return Math.min(this.configured, this.reduced + climbed);
	}

	/**
	 * Whether calls wait at a moment.
	 * @param now the moment
	 * @return {@code true} before the end of the pause
	 */
	public boolean pausedAt(Instant now) {
		return this.pausedUntil != null && now.isBefore(this.pausedUntil);
	}

	/**
	 * The state after the source answered 429: paused until the time it asked for, and,
	 * unless it is paused already (several calls meet the same 429), reduced.
	 * @param now when the 429 came
	 * @param pause how long the source asked to wait
	 * @param factor multiplicative decrease, between 0 and 1
	 * @param recovery the recovery time
	 * @return the new state
	 */
	public BudgetState throttled(Instant now, Duration pause, double factor, Duration recovery) {
		Instant until = now.plus(pause);
		if (pausedAt(now)) {
			return new BudgetState(this.configured, this.reduced, this.reducedAt,
					until.isAfter(this.pausedUntil) ? until : this.pausedUntil);
		}
		double reducedTo = Math.max(FLOOR, effective(now, recovery) * factor);
		return new BudgetState(this.configured, reducedTo, now, until);
	}

	/**
	 * The same state with another configured limit (live refresh).
	 * @param requestsPerMinute the new limit
	 * @return the new state
	 */
	public BudgetState configured(int requestsPerMinute) {
		return new BudgetState(requestsPerMinute, this.reduced, this.reducedAt, this.pausedUntil);
	}

}
