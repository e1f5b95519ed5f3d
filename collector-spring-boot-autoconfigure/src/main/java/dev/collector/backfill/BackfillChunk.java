package dev.collector.backfill;

import java.util.List;
import java.time.LocalDate;

/**
 * One chunk of a backfill task: one symbol and a batch of its missing periods.
 *
 * @param taskId the task
 * @param chunkNo its number within the task, from 0
 * @param symbol the symbol
 * @param periods the starts of its periods, in order
 * @param status its state
 * @param attempts how many executions started
 * @param records records it stored (inserted)
 * @param error the latest error, else {@code null}
 * @param executedBy the instance that executed it last
 */
public record BackfillChunk(String taskId, int chunkNo, String symbol, List<LocalDate> periods, ChunkStatus status,
		int attempts, long records, String error, String executedBy) {

	/** The state of a chunk. */
	public enum ChunkStatus {

		/** Waiting for an execution (also between retries). */
		PENDING,

		/** An execution is working on it. */
		RUNNING,

		/** Every period collected and marked covered. */
		SUCCEEDED,

		/** Failed after its last retry. */
		FAILED,

		/** Never started: its task was cancelled. */
		CANCELLED;

		public boolean finished() {
			return this == SUCCEEDED || this == FAILED || this == CANCELLED;
		}

	}

}
