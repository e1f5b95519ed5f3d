package dev.collector.observation;

import io.micrometer.observation.Observation;

/**
 * What a {@code collector.sink.write} observation knows of one batch: its size, and once
 * written what the sink did with it.
 */
public class SinkWriteContext extends Observation.Context {

	private final String collector;

	private final String runId;

	private final int records;

	private long inserted;

	private long duplicates;

	private long rejected;

	public SinkWriteContext(String collector, String runId, int records) {
		this.collector = collector;
		this.runId = runId;
		this.records = records;
	}

	public String getCollector() {
		return this.collector;
	}

	public String getRunId() {
		return this.runId;
	}

	public int getRecords() {
		return this.records;
	}

	public long getInserted() {
		return this.inserted;
	}

	public long getDuplicates() {
		return this.duplicates;
	}

	public long getRejected() {
		return this.rejected;
	}

	/**
	 * Set what the sink did with the batch.
	 * @param inserted records inserted
	 * @param duplicates records stored already
	 * @param rejected records refused
	 */
	public void setCounts(long inserted, long duplicates, long rejected) {
		this.inserted = inserted;
		this.duplicates = duplicates;
		this.rejected = rejected;
	}

}
