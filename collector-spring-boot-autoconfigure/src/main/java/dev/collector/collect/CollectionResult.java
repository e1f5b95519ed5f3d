package dev.collector.collect;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one collection.
 *
 * @param request what was asked
 * @param status how it ended
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param counts what happened to the records
 * @param error the failure's message, {@code null} on success
 */
public record CollectionResult(CollectionRequest request, Status status, Instant startedAt, Instant finishedAt,
		RecordCounts counts, String error) {

	/**
	 * How a collection ended.
	 */
	public enum Status {

		/**
		 * Every batch was stored; the checkpoint moved (unless a dry run or backfill).
		 */
		SUCCEEDED,

		/** The source, a processor or the store failed; the checkpoint did not move. */
		FAILED

	}

	public String runId() {
		return this.request.runId();
	}

	public boolean succeeded() {
		return this.status == Status.SUCCEEDED;
	}

	public Duration duration() {
		return Duration.between(this.startedAt, this.finishedAt);
	}

}
