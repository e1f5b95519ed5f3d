package dev.collector.budget;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;

/**
 * A rate budget whose share a test sets, pushed to the listeners (the rate limiter) the
 * way a real budget pushes it; it never pauses.
 */
public class SettableRateBudget implements RateBudget {

	private final List<DoubleConsumer> listeners = new CopyOnWriteArrayList<>();

	private volatile double share;

	public SettableRateBudget() {
		this(0);
	}

	public SettableRateBudget(double share) {
		this.share = share;
	}

	/**
	 * Set a new share and tell the listeners.
	 * @param requestsPerMinute the share
	 */
	public void share(double requestsPerMinute) {
		this.share = requestsPerMinute;
		this.listeners.forEach((listener) -> listener.accept(requestsPerMinute));
	}

	@Override
	public double share() {
		return this.share;
	}

	@Override
	public boolean awaitTurn(Duration maxWait) {
		return this.share > 0;
	}

	@Override
	public void throttled(Duration retryAfter) {
	}

	@Override
	public void configure(int requestsPerMinute) {
	}

	@Override
	public Snapshot snapshot() {
		return new Snapshot("settable", 0, this.share, this.share, 1, null);
	}

	@Override
	public void onShareChange(DoubleConsumer listener) {
		this.listeners.add(listener);
		if (this.share > 0) {
			listener.accept(this.share);
		}
	}

}
