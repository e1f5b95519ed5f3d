package dev.collector.collect;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The bound on the scheduled and manual collection runs in flight in one JVM over all its
 * collectors ({@code collector.max-concurrent-runs}); one instance is shared by every
 * collector of the application. Backfill chunks are bounded by
 * {@code collector.backfill.threads} instead.
 * <p>
 * A run takes a permit when it starts and gives it back when it ends. Where the run holds
 * a thread that serves nothing else (the collector's own executor without a database) it
 * waits for a permit; on db-scheduler it only tries, and gives its execution back to be
 * picked again shortly (by this or another replica) when none is free.
 */
public class RunPermits {

	/** No bound: what a single collector uses (it is single-flight anyway). */
	public static final RunPermits UNBOUNDED = new RunPermits(Integer.MAX_VALUE);

	private volatile int limit;

	private final Permits permits;

	/**
	 * Create the permits.
	 * @param limit the runs in flight at most, at least 1
	 */
	public RunPermits(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("max-concurrent-runs must be at least 1, was " + limit);
		}
		this.limit = limit;
		// fair: a run that waits longest goes first, so no collector is starved by
		// another
		this.permits = new Permits(limit);
	}

	/**
	 * The default of {@code collector.max-concurrent-runs}: the number of collectors, at
	 * most 4.
	 * @param configured the configured bound, or {@code null}
	 * @param collectors the number of collectors
	 * @return the permits
	 */
	public static RunPermits of(Integer configured, int collectors) {
		return new RunPermits((configured != null) ? configured : Math.max(1, Math.min(collectors, 4)));
	}

	/**
	 * The runs in flight at most.
	 * @return the limit
	 */
	public int limit() {
		return this.limit;
	}

	/**
	 * Change the limit (a refreshed {@code collector.max-concurrent-runs}): a higher one
	 * frees permits at once, a lower one takes effect as runs in flight end.
	 * @param newLimit the runs in flight at most, at least 1
	 */
	public synchronized void resize(int newLimit) {
		if (newLimit < 1) {
			throw new IllegalArgumentException("max-concurrent-runs must be at least 1, was " + newLimit);
		}
		int delta = newLimit - this.limit;
		if (delta > 0) {
			this.permits.release(delta);
		}
		else if (delta < 0) {
			this.permits.reduce(-delta);
		}
		this.limit = newLimit;
	}

	/**
	 * The permits free now.
	 * @return the permits not taken
	 */
	public int available() {
		return this.permits.availablePermits();
	}

	/**
	 * The runs waiting for a permit now.
	 * @return an estimate of the threads waiting in {@link #acquire()}
	 */
	public int waiting() {
		return this.permits.getQueueLength();
	}

	/**
	 * Take a permit if one is free.
	 * @return whether a permit was taken; give it back with {@link #release()}
	 */
	public boolean tryAcquire() {
		return this.permits.tryAcquire();
	}

	/**
	 * Wait for a permit.
	 * @throws CollectionInterruptedException when the thread is interrupted while waiting
	 * (the application stops)
	 */
	public void acquire() {
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CollectionInterruptedException();
		}
	}

	/**
	 * Run while holding a permit, waiting for one first. A runner calls it once its
	 * collector is taken: the wait delays this collector's run only.
	 * @param <T> the result's type
	 * @param run what to run
	 * @return its result
	 * @throws CollectionInterruptedException when interrupted while waiting
	 */
	public <T> T call(Supplier<T> run) {
		acquire();
		try {
			return run.get();
		}
		finally {
			release();
		}
	}

	/**
	 * Give a permit back.
	 */
	public void release() {
		this.permits.release();
	}

	/** A fair semaphore whose permits can also be taken away. */
	private static final class Permits extends Semaphore {

		Permits(int permits) {
			super(permits, true);
		}

		void reduce(int reduction) {
			reducePermits(reduction);
		}

	}

	@Override
	public String toString() {
		return "at most " + this.limit + " run(s) in flight, " + available() + " free";
	}

}
