package dev.collector.backfill;

import java.time.Duration;

/**
 * How a backfill chunk is retried.
 *
 * @param initialDelay delay before the first retry of a failed chunk
 * @param multiplier factor of each further delay
 * @param maxRetries retries of a failed chunk before it is marked failed
 * @param yieldDelay delay before a chunk that gave way to a live run tries again
 */
public record ChunkRetryPolicy(Duration initialDelay, double multiplier, int maxRetries, Duration yieldDelay) {
}
