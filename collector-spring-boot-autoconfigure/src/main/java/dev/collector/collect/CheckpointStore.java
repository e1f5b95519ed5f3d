package dev.collector.collect;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a collector's checkpoint lives: the end of the window of its last successful
 * scheduled or manual run. The next such run starts there.
 */
public interface CheckpointStore {

	/**
	 * The checkpoint of a collector.
	 * @param collector the collector's name
	 * @return the end of the last successfully collected window, if any
	 */
	Optional<Instant> get(String collector);

	/**
	 * Move the checkpoint. Called only after every batch of the run was committed.
	 * @param collector the collector's name
	 * @param position the end of the window just collected
	 * @param runId the run that collected it
	 */
	void advance(String collector, Instant position, String runId);

}
