package dev.collector.observation;

import io.micrometer.observation.Observation;

/**
 * What a {@code collector.backfill.chunk} observation knows of its chunk. The task id
 * links the traces of a task's chunks (each chunk runs in a trace of its own, on
 * whichever replica picked it).
 */
public class BackfillChunkContext extends Observation.Context {

	private final String collector;

	private final String taskId;

	private final String chunk;

	private final String symbol;

	private String outcome = "unknown";

	public BackfillChunkContext(String collector, String taskId, String chunk, String symbol) {
		this.collector = collector;
		this.taskId = taskId;
		this.chunk = chunk;
		this.symbol = symbol;
	}

	public String getCollector() {
		return this.collector;
	}

	public String getTaskId() {
		return this.taskId;
	}

	/**
	 * The chunk's id.
	 * @return {@code task-id/chunk-number}
	 */
	public String getChunk() {
		return this.chunk;
	}

	public String getSymbol() {
		return this.symbol;
	}

	/**
	 * How the chunk ended: {@code succeeded}, {@code failed} or {@code yielded} (to a
	 * live run).
	 * @return the outcome, {@code unknown} while it runs
	 */
	public String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
