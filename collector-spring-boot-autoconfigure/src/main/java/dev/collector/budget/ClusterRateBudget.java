package dev.collector.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.collector.config.RateLimitProperties;

/**
 * One rate budget for all the replicas of a collector, through the database (the lease
 * scheme, chosen over a bucket in the database by the measurements in
 * docs/performance.md: no database round trip per call).
 * <p>
 * Every {@code collector.rate-limit.lease-renewal} each replica renews its lease (which
 * expires after three renewals unless renewed, so a dead replica's share comes back to
 * the others within seconds) and says whether it spends permits: it does while callers
 * asked for one recently. It then reads the shared budget and counts the spenders; its
 * share is the effective limit divided by them, spent evenly through its local
 * Resilience4j rate limiter. The replicas together therefore stay under the limit, and an
 * idle replica leaves its part to the busy ones.
 * <p>
 * The sum never goes above the limit while replicas come and go: a replica that starts
 * spending waits one and a half renewals (the others shrink their shares at their next
 * renewal), and until every other spender has renewed since (or its lease ended), before
 * it spends; one that stops or leaves gives its share up at once (its lease is deleted
 * when it stops). A replica that cannot renew (its database is away, its JVM starved)
 * stops spending when its lease ends, the moment the others stop counting it, and joins
 * again like a new spender once it renews. Callers that were waiting on the rate limiter
 * of an old share queue again on the new one (CollectorResilience#acquirePermit).
 * <p>
 * A 429 pauses the budget in the database for the Retry-After it named (every replica
 * sees it at its next renewal; the replica that met it stops at once) and shrinks it by
 * {@code decrease-factor}; the effective limit climbs back to the configured one over
 * {@code recovery-time}. The configured limit is the one of the replica that started or
 * was refreshed last, so a live refresh applies to every replica.
 */
public class ClusterRateBudget extends AbstractRateBudget {

	private final String instanceId;

	private final JdbcRateBudgetStore store;

	private volatile BudgetState last;

	private volatile int spenders = 1;

	private volatile Instant spendingSince;

	/**
	 * When the lease that first said this replica spends was written, or {@code null}:
	 * every renewal of another replica that starts later counts this one.
	 */
	private volatile Instant joinedAt;

	/** Whether every other spender has counted this replica since it joined. */
	private volatile boolean counted;

	/** The end of the lease this replica renewed last. */
	private volatile Instant leaseEnd;

	public ClusterRateBudget(String collector, String instanceId, RateLimitProperties settings,
			JdbcRateBudgetStore store, Clock clock) {
		super(collector, settings, clock);
		this.instanceId = instanceId;
		this.store = store;
		this.last = BudgetState.of(settings.getRequestsPerMinute());
	}

	@Override
	protected double computeShare(boolean spending) {
		Instant now = this.clock.instant();
		Duration renewal = this.settings.getLeaseRenewal();
		Instant lastLeaseEnd = this.leaseEnd;
		if (!spending || (lastLeaseEnd != null && !now.isBefore(lastLeaseEnd))) {
			// idle, or the lease ended unrenewed and the others took this replica's
			// part: it joins again like a replica that starts spending
			this.spendingSince = null;
			this.joinedAt = null;
			this.counted = false;
		}
		if (spending && this.spendingSince == null) {
			this.spendingSince = now;
		}
		Instant since = this.spendingSince;
		// in the milliseconds the lease table holds: this replica stops spending at
		// the very moment the others stop counting it
		Instant leaseEnd = now.plus(renewal.multipliedBy(3)).truncatedTo(ChronoUnit.MILLIS);
		this.store.renew(this.collector, this.instanceId, since, leaseEnd);
		this.leaseEnd = leaseEnd;
		if (since != null && this.joinedAt == null) {
			this.joinedAt = this.clock.instant();
		}
		BudgetState state = this.store.budget(this.collector, this.settings.getRequestsPerMinute());
		this.last = state;
		int count = Math.max(1, this.store.spenders(this.collector, now));
		this.spenders = count;
		if (since == null || state.pausedAt(now)) {
			return 0;
		}
		// the others must have seen this replica among the spenders before it spends
		if (now.isBefore(since.plus(renewal.multipliedBy(3).dividedBy(2)))) {
			tickAt(since.plus(renewal.multipliedBy(3).dividedBy(2)));
			return 0;
		}
		// and each of them has counted it: a spender whose renewals lag (a starved JVM)
		// spends the share it had until it renews (and counts this one) or its lease
		// ends (and it stops, see shareValidUntil). A renewal after this replica joined
		// ends at least three renewals after that (replicas of one collector renew
		// alike; one that renews more often is waited for a little longer)
		if (!this.counted) {
			Instant countedBy = this.joinedAt.plus(renewal.multipliedBy(3));
			if (this.store.spendersRenewedBefore(this.collector, this.instanceId, countedBy, now) > 0) {
				return 0;
			}
			this.counted = true;
		}
		return state.effective(now, this.settings.getRecoveryTime()) / count;
	}

	@Override
	protected void recordThrottle(Duration pause) {
		for (int attempt = 0; attempt < 5; attempt++) {
			BudgetState read = this.store.budget(this.collector, this.settings.getRequestsPerMinute());
			BudgetState next = read.throttled(this.clock.instant(), pause, this.settings.getDecreaseFactor(),
					this.settings.getRecoveryTime());
			if (next.equals(read) || this.store.replace(this.collector, read, next)) {
				this.last = next;
				return;
			}
		}
	}

	@Override
	protected Instant shareValidUntil() {
		return this.leaseEnd;
	}

	@Override
	protected Instant pausedUntil() {
		return this.last.pausedUntil();
	}

	@Override
	public void configure(int requestsPerMinute) {
		this.store.configure(this.collector, requestsPerMinute);
		tickSoon();
	}

	@Override
	protected void leave() {
		this.store.leave(this.collector, this.instanceId);
	}

	@Override
	public Snapshot snapshot() {
		Instant now = this.clock.instant();
		BudgetState state = this.last;
		return new Snapshot("cluster", state.configured(), state.effective(now, this.settings.getRecoveryTime()),
				share(), this.spenders, state.pausedAt(now) ? state.pausedUntil() : null);
	}

	@Override
	public void start() {
		try {
			this.store.configure(this.collector, this.settings.getRequestsPerMinute());
		}
		catch (RuntimeException ex) {
			// the database is away: the renewals create the budget once it is back
			org.apache.commons.logging.LogFactory.getLog(ClusterRateBudget.class)
				.warn("Could not set the rate budget of collector " + this.collector + ": " + ex.getMessage());
		}
		super.start();
	}

}
