package dev.collector.collect;

/**
 * A collection was asked for while another one is running (collections are single
 * flight).
 */
public class CollectionInProgressException extends RuntimeException {

	private final String runningRunId;

	public CollectionInProgressException(String runningRunId) {
		super("A collection is already in progress (run " + runningRunId + "); try again when it has finished");
		this.runningRunId = runningRunId;
	}

	/**
	 * The run that holds the collector.
	 * @return its run id
	 */
	public String getRunningRunId() {
		return this.runningRunId;
	}

}
