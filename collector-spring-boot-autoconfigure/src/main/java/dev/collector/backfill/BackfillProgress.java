package dev.collector.backfill;

import java.time.Instant;
import java.util.List;

import dev.collector.backfill.BackfillChunk.ChunkStatus;

/**
 * Where a backfill task stands, derived from its chunks.
 *
 * @param task the task
 * @param status its state
 * @param chunksDone chunks that succeeded
 * @param chunksFailed chunks that failed after their retries
 * @param chunksCancelled chunks that never started because of a cancel
 * @param recordsBackfilled records the chunks inserted
 * @param errors the errors of failed and retrying chunks
 * @param stalled whether chunks are running but none started or ended for
 * collector.backfill.stalled-after-heartbeats heartbeat intervals
 * @param lastProgressAt when a chunk last started, ended or gave way, or {@code null}
 */
public record BackfillProgress(BackfillTask task, BackfillStatus status, int chunksDone, int chunksFailed,
		int chunksCancelled, long recordsBackfilled, List<String> errors, boolean stalled, Instant lastProgressAt) {

	/**
	 * The same progress with what is known about the movement of its chunks.
	 * @param stalled whether the task is stalled
	 * @param lastProgressAt when a chunk last moved
	 * @return the progress
	 */
	BackfillProgress withMovement(boolean stalled, Instant lastProgressAt) {
		return new BackfillProgress(this.task, this.status, this.chunksDone, this.chunksFailed, this.chunksCancelled,
				this.recordsBackfilled, this.errors, stalled, lastProgressAt);
	}

	static BackfillProgress of(BackfillTask task, List<BackfillChunk> chunks) {
		int done = 0;
		int failed = 0;
		int cancelled = 0;
		int open = 0;
		boolean started = false;
		long records = 0;
		List<String> errors = new java.util.ArrayList<>();
		for (BackfillChunk chunk : chunks) {
			records += chunk.records();
			started |= chunk.attempts() > 0;
			switch (chunk.status()) {
				case SUCCEEDED -> done++;
				case FAILED -> failed++;
				case CANCELLED -> cancelled++;
				default -> open++;
			}
			if (chunk.error() != null && chunk.status() != ChunkStatus.SUCCEEDED) {
				errors.add("chunk " + chunk.chunkNo() + " (" + chunk.symbol() + " " + chunk.periods().get(0) + " .. "
						+ chunk.periods().get(chunk.periods().size() - 1) + "): " + chunk.error());
			}
		}
		BackfillStatus status;
		if (task.finalStatus() != null) {
			status = task.finalStatus();
		}
		else if (task.cancelled()) {
			status = BackfillStatus.CANCELLED;
		}
		else if (open > 0) {
			status = started ? BackfillStatus.RUNNING : BackfillStatus.PENDING;
		}
		else {
			status = (failed > 0) ? BackfillStatus.FAILED : BackfillStatus.SUCCEEDED;
		}
		return new BackfillProgress(task, status, done, failed, cancelled, records, List.copyOf(errors), false, null);
	}

	/**
	 * Whether every chunk has ended, so the task can be closed.
	 * @return {@code true} when no chunk is pending or running
	 */
	boolean allChunksEnded() {
		return this.chunksDone + this.chunksFailed + this.chunksCancelled >= this.task.chunksTotal();
	}

	public Instant startedAt() {
		return this.task.createdAt();
	}

	public Instant finishedAt() {
		return this.task.finishedAt();
	}

}
