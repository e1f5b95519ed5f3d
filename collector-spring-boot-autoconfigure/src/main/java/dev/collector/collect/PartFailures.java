package dev.collector.collect;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of one run that failed, reported by the collector through
 * {@link CollectionRequest#failed(String, Throwable)} or by the framework when it calls
 * the collector once per symbol. Safe to use from any thread. Keeps the first
 * {@value #KEPT} failures and counts the rest.
 */
public final class PartFailures {

	/** Failures kept in detail; the rest are counted. */
	public static final int KEPT = 10_000;

	private final List<PartFailure> failures = new ArrayList<>();

	private int count;

	synchronized void add(PartFailure failure) {
		this.count++;
		if (this.failures.size() < KEPT) {
			this.failures.add(failure);
		}
	}

	/**
	 * The failures reported so far, in order.
	 * @return a copy
	 */
	public synchronized List<PartFailure> list() {
		return List.copyOf(this.failures);
	}

	/**
	 * How many failures were reported, those not kept included.
	 * @return the count
	 */
	public synchronized int count() {
		return this.count;
	}

	public synchronized boolean isEmpty() {
		return this.count == 0;
	}

	synchronized List<PartFailure> since(int index) {
		return (index >= this.failures.size()) ? List.of()
				: List.copyOf(new ArrayList<>(this.failures.subList(index, this.failures.size())));
	}

	@Override
	public synchronized String toString() {
		return "PartFailures[" + this.count + "]";
	}

}
