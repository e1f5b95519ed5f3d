package dev.collector.budget;

import java.time.Duration;
import java.util.function.DoubleConsumer;

/**
 * How many calls per minute this replica may make to the collector's source right now,
 * and the pause after a 429: the rate limiter of the collector's resilience spends this
 * share. The {@link LocalRateBudget} keeps it in memory for one replica; the
 * {@link ClusterRateBudget} shares the limit between the replicas through the database.
 */
public interface RateBudget {

	/**
	 * This replica's share of the budget.
	 * @return requests per minute; {@code 0} while paused or while this replica waits to
	 * join the spenders
	 */
	double share();

	/**
	 * Wait until this replica may call the source: its share is above zero and the budget
	 * is not paused.
	 * @param maxWait the longest wait
	 * @return {@code true} when it may call, {@code false} when the wait ran out
	 * @throws InterruptedException when the thread was interrupted
	 */
	boolean awaitTurn(Duration maxWait) throws InterruptedException;

	/**
	 * The source answered 429 (too many requests): pause every call of every replica for
	 * the time it asked for and shrink the budget.
	 * @param retryAfter the wait the source asked for, or {@code null} when it named none
	 */
	void throttled(Duration retryAfter);

	/**
	 * A new configured limit (start-up, live refresh).
	 * @param requestsPerMinute the limit
	 */
	void configure(int requestsPerMinute);

	/**
	 * Where the budget stands, for /status and the gauges.
	 * @return a snapshot
	 */
	Snapshot snapshot();

	/**
	 * Be told when this replica's share changes.
	 * @param listener receives the new share (requests per minute, above zero)
	 */
	void onShareChange(DoubleConsumer listener);

	/**
	 * A snapshot of the budget.
	 *
	 * @param scope {@code cluster} or {@code local}
	 * @param configured the configured requests per minute
	 * @param effective the requests per minute the budget allows now, for all replicas
	 * together (below the configured ones for a while after a 429)
	 * @param share this replica's part of it
	 * @param spenders the replicas that share the budget now (1 for the local scope)
	 * @param pausedUntil until when calls wait after a 429, or {@code null}
	 */
	record Snapshot(String scope, int configured, double effective, double share, int spenders,
			java.time.Instant pausedUntil) {
	}

}
