package dev.collector.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.collector.config.RateLimitProperties;

/**
 * What both budgets share: the share is recomputed every
 * {@code collector.rate-limit.lease-renewal} on a thread of its own (and at once when a
 * caller waits or a 429 comes), callers that find no share wait on a monitor, and the
 * share's listeners (the rate limiter) hear of every real change.
 */
abstract class AbstractRateBudget implements RateBudget, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AbstractRateBudget.class);

	/** A share that shrinks by less than this fraction is not pushed to the limiter. */
	private static final double NOTICEABLE = 0.01;

	/**
	 * A share that grows is pushed to the limiter only in steps of this fraction: every
	 * new limiter waits a whole period before its first permit, so a budget that climbs
	 * back after a 429 must not replace it at every renewal.
	 */
	private static final double GROWTH_STEP = 0.1;

	protected final String collector;

	protected final Clock clock;

	private final List<DoubleConsumer> listeners = new CopyOnWriteArrayList<>();

	private final Object turn = new Object();

	private final ScheduledExecutorService ticker;

	protected volatile RateLimitProperties settings;

	private volatile double share;

	private volatile double published;

	private volatile long lastDemand = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

	private volatile boolean running;

	/** The pause of a 429 this replica met itself, whatever the shared state says yet. */
	private volatile Instant ownPauseUntil;

	/** Callers waiting for a share: they make this replica a spender too. */
	private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

	AbstractRateBudget(String collector, RateLimitProperties settings, Clock clock) {
		this.collector = collector;
		this.settings = settings;
		this.clock = clock;
		this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "collector-" + collector + "-rate-budget");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Compute this replica's share now (and renew what must be renewed).
	 * @param spending whether this replica asked for permits recently
	 * @return the share in requests per minute, {@code 0} for none
	 */
	protected abstract double computeShare(boolean spending);

	/**
	 * Record a 429 in the budget's state.
	 * @param pause the pause the source asked for
	 */
	protected abstract void recordThrottle(Duration pause);

	/**
	 * Until when the budget is paused, as last known.
	 * @return the end of the pause, or {@code null}
	 */
	protected abstract Instant pausedUntil();

	/**
	 * Until when the share may be spent without another successful renewal: a replica
	 * that cannot renew (its database is away, its ticker is starved) stops spending when
	 * its lease ends, because that is when the others stop counting it and take its part.
	 * @return the end of the share's validity, or {@code null} when it does not end
	 */
	protected Instant shareValidUntil() {
		return null;
	}

	/** Give this replica's part of the budget back (at shutdown). */
	protected void leave() {
	}

	@Override
	public double share() {
		return this.share;
	}

	@Override
	public boolean awaitTurn(Duration maxWait) throws InterruptedException {
		this.lastDemand = System.nanoTime();
		if (spendable()) {
			return true;
		}
		// a replica that was idle joins the spenders at once rather than at the next
		// renewal
		tickSoon();
		long deadline = System.nanoTime() + maxWait.toNanos();
		this.waiting.incrementAndGet();
		try {
			synchronized (this.turn) {
				while (!spendable()) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						return false;
					}
					TimeUnit.NANOSECONDS.timedWait(this.turn, left);
				}
			}
			return true;
		}
		finally {
			this.lastDemand = System.nanoTime();
			this.waiting.decrementAndGet();
		}
	}

	private boolean spendable() {
		if (this.share <= 0) {
			return false;
		}
		Instant validUntil = shareValidUntil();
		return validUntil == null || this.clock.instant().isBefore(validUntil);
	}

	@Override
	public void throttled(Duration retryAfter) {
		Duration pause = (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) ? retryAfter
				: this.settings.getPause();
		this.ownPauseUntil = this.clock.instant().plus(pause);
		setShare(0);
		try {
			recordThrottle(pause);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not share the pause of collector " + this.collector + ": " + ex.getMessage());
		}
		tickSoon();
	}

	@Override
	public void onShareChange(DoubleConsumer listener) {
		this.listeners.add(listener);
		if (this.published > 0) {
			listener.accept(this.published);
		}
	}

	/**
	 * Apply new settings (live refresh).
	 * @param settings the rate-limit properties
	 */
	public void settings(RateLimitProperties settings) {
		this.settings = settings;
		configure(settings.getRequestsPerMinute());
	}

	protected boolean spending() {
		if (this.waiting.get() > 0) {
			return true;
		}
		long idleAfter = Math.max(this.settings.getLeaseRenewal().toNanos() * 3,
				(this.share > 0) ? (long) (3 * 60e9 / this.share) : 0);
		return System.nanoTime() - this.lastDemand < idleAfter;
	}

	protected void tickSoon() {
		if (this.running) {
			this.ticker.execute(this::tick);
		}
	}

	protected void tickAt(Instant when) {
		long wait = Duration.between(this.clock.instant(), when).toMillis() + 1;
		if (this.running && wait > 0) {
			this.ticker.schedule(this::tick, wait, TimeUnit.MILLISECONDS);
		}
	}

	void tick() {
		double computed;
		try {
			computed = computeShare(spending());
		}
		catch (RuntimeException ex) {
			// the database is away: keep the share this replica had until its lease
			// ends (shareValidUntil), when the others stop counting it
			logger.warn("Could not renew the rate budget of collector " + this.collector + ": " + ex.getMessage());
			return;
		}
		Instant own = this.ownPauseUntil;
		if (own != null && this.clock.instant().isBefore(own)) {
			computed = 0;
		}
		setShare(computed);
		Instant until = pausedUntil();
		if (until != null && computed <= 0 && this.running) {
			long wait = Duration.between(this.clock.instant(), until).toMillis() + 1;
			if (wait > 0 && wait < this.settings.getLeaseRenewal().toMillis()) {
				this.ticker.schedule(this::tick, wait, TimeUnit.MILLISECONDS);
			}
		}
	}

	private void setShare(double computed) {
		this.share = computed;
		if (computed > 0) {
			double last = this.published;
			if (last <= 0 || computed < last * (1 - NOTICEABLE) || computed > last * (1 + GROWTH_STEP)) {
				this.published = computed;
				this.listeners.forEach((listener) -> listener.accept(computed));
			}
			synchronized (this.turn) {
				this.turn.notifyAll();
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		long period = this.settings.getLeaseRenewal().toMillis();
		this.ticker.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		this.ticker.shutdownNow();
		try {
			leave();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not give the rate budget back: " + ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// started before, stopped after the schedulers that call the source
		return Integer.MIN_VALUE + 1000;
	}

}
