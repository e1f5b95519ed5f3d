package dev.collector.cluster;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shares one replica's backfill threads between the collectors of a scheduler that serves
 * several: a chunk starts when a thread for chunks is free, unless another collector
 * whose chunks wait to run has fewer chunks running here, or as many and started one less
 * recently; then it gives way (its execution goes behind the waiting ones). So the
 * collectors' chunks take turns, and one collector's ten-year backfill does not hold
 * every thread while another's waits. With one collector waiting, its chunks use every
 * thread for chunks.
 * <p>
 * The threads for chunks are {@code collector.backfill.threads}; the scheduler has a
 * thread more per collector run it may run at once, so a due collection is never held
 * behind chunks.
 */
class ChunkFairness {

	/** What a chunk about to start does. */
	enum Admission {

		/** Starts now; call {@link ChunkFairness#finished(String)} when it ends. */
		START,

		/** Goes behind the chunks of a collector that waits longer. */
		GIVE_WAY,

		/** Every thread for chunks is taken: tries again after a polling interval. */
		FULL

	}

	private final int capacity;

	private final Supplier<Collection<String>> waiting;

	private final Map<String, Integer> running = new HashMap<>();

	private final Map<String, Long> lastStart = new HashMap<>();

	private long starts;

	/**
	 * Create the fairness of one replica.
	 * @param capacity the chunks this replica runs at once
	 * @param waiting the collectors whose chunks wait to run (read when a chunk starts)
	 */
	ChunkFairness(int capacity, Supplier<Collection<String>> waiting) {
		this.capacity = Math.max(1, capacity);
		this.waiting = waiting;
	}

	/**
	 * Decide whether a chunk of a collector starts now.
	 * @param collector the chunk's collector
	 * @return the decision
	 */
	Admission admit(String collector) {
		synchronized (this) {
			if (total() >= this.capacity) {
				return Admission.FULL;
			}
		}
		// outside the lock: it reads the database
		Collection<String> others = this.waiting.get();
		synchronized (this) {
			if (total() >= this.capacity) {
				return Admission.FULL;
			}
			for (String other : others) {
				if (!other.equals(collector) && goesBefore(other, collector)) {
					return Admission.GIVE_WAY;
				}
			}
			this.running.merge(collector, 1, Integer::sum);
			this.lastStart.put(collector, ++this.starts);
			return Admission.START;
		}
	}

	/**
	 * A chunk admitted with {@link Admission#START} ended.
	 * @param collector its collector
	 */
	synchronized void finished(String collector) {
		this.running.computeIfPresent(collector, (name, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Chunks running here.
	 * @param collector a collector
	 * @return its chunks running on this replica
	 */
	synchronized int running(String collector) {
		return this.running.getOrDefault(collector, 0);
	}

	private boolean goesBefore(String other, String collector) {
		int theirs = this.running.getOrDefault(other, 0);
		int mine = this.running.getOrDefault(collector, 0);
		if (theirs != mine) {
			return theirs < mine;
		}
		return this.lastStart.getOrDefault(other, 0L) < this.lastStart.getOrDefault(collector, 0L);
	}

	private int total() {
		return this.running.values().stream().mapToInt(Integer::intValue).sum();
	}

}
