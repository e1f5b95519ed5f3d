package dev.collector.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one collection.
 *
 * @param request what was asked
 * @param status how it ended
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param counts what happened to the records
 * @param error the failure's message, or for a partial run the summary of its failed
 * parts; {@code null} on success
 * @param partFailures the failed parts (the first {@value PartFailures#KEPT})
 * @param partFailureCount how many parts failed in all
 * @param retries the windows of earlier failed parts this run collected again, after its
 * own
 */
public record CollectionResult(CollectionRequest request, Status status, Instant startedAt, Instant finishedAt,
		RecordCounts counts, String error, List<PartFailure> partFailures, int partFailureCount,
		List<CollectionRequest> retries) {

	public CollectionResult {
		partFailures = (partFailures != null) ? List.copyOf(partFailures) : List.of();
		retries = (retries != null) ? List.copyOf(retries) : List.of();
	}

	/**
	 * A result without part failures.
	 * @param request what was asked
	 * @param status how it ended
	 * @param startedAt when it started
	 * @param finishedAt when it ended
	 * @param counts what happened to the records
	 * @param error the failure's message, {@code null} on success
	 */
	public CollectionResult(CollectionRequest request, Status status, Instant startedAt, Instant finishedAt,
			RecordCounts counts, String error) {
		this(request, status, startedAt, finishedAt, counts, error, List.of(), 0, List.of());
	}

	/**
	 * How a collection ended.
	 */
	public enum Status {

		/**
		 * Every batch was stored; the checkpoint moved (unless a dry run or backfill).
		 */
		SUCCEEDED,

		/**
		 * The source, a processor or the store failed, or every part did; the checkpoint
		 * did not move. Batches written before stay stored.
		 */
		FAILED,

		/**
		 * Some parts failed (see {@link CollectionResult#partFailures()}), the others
		 * were stored; the checkpoint moved and the failed parts are retried.
		 */
		PARTIAL

	}

	public String runId() {
		return this.request.runId();
	}

	/**
	 * Whether every part succeeded.
	 * @return {@code true} when {@link Status#SUCCEEDED}
	 */
	public boolean succeeded() {
		return this.status == Status.SUCCEEDED;
	}

	/**
	 * Whether the run went through its window and stored it, save for failed parts: the
	 * checkpoint moved and the run counts as a successful collection for freshness.
	 * @return {@code true} when {@link Status#SUCCEEDED} or {@link Status#PARTIAL}
	 */
	public boolean completed() {
		return this.status != Status.FAILED;
	}

	/**
	 * The outcome as the JSON answers, the run history and the metrics spell it.
	 * @return succeeded, partial or failed
	 */
	public String statusLabel() {
		return this.status.name().toLowerCase(java.util.Locale.ROOT);
	}

	public Duration duration() {
		return Duration.between(this.startedAt, this.finishedAt);
	}

}
