package dev.collector.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import dev.collector.config.RateLimitProperties;

/**
 * The rate budget of one replica (H2, no shared database, or
 * {@code collector.rate-limit.scope=local}): the whole budget is this replica's share. A
 * 429 pauses and shrinks it as in the cluster, in memory.
 */
public class LocalRateBudget extends AbstractRateBudget {

	private final AtomicReference<BudgetState> state;

	public LocalRateBudget(String collector, RateLimitProperties settings, Clock clock) {
		super(collector, settings, clock);
		this.state = new AtomicReference<>(BudgetState.of(settings.getRequestsPerMinute()));
	}

	@Override
	protected double computeShare(boolean spending) {
		Instant now = this.clock.instant();
		BudgetState current = this.state.get();
		return current.pausedAt(now) ? 0 : current.effective(now, this.settings.getRecoveryTime());
	}

	@Override
	protected void recordThrottle(Duration pause) {
		Instant now = this.clock.instant();
		this.state.updateAndGet((current) -> current.throttled(now, pause, this.settings.getDecreaseFactor(),
				this.settings.getRecoveryTime()));
	}

	@Override
	protected Instant pausedUntil() {
		return this.state.get().pausedUntil();
	}

	@Override
	public void configure(int requestsPerMinute) {
		this.state.updateAndGet((current) -> current.configured(requestsPerMinute));
		tickSoon();
	}

	@Override
	public Snapshot snapshot() {
		Instant now = this.clock.instant();
		BudgetState current = this.state.get();
		return new Snapshot("local", current.configured(), current.effective(now, this.settings.getRecoveryTime()),
				share(), 1, current.pausedAt(now) ? current.pausedUntil() : null);
	}

	@Override
	public void start() {
		// the first share is there before the first call
		tick();
		super.start();
	}

}
