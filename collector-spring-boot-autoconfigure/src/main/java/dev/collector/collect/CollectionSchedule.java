package dev.collector.collect;

import java.time.Instant;
import java.util.Optional;

/**
 * What drives the scheduled collection, seen from outside: when the next run starts. The
 * in-JVM {@link LocalCollectionScheduler} and the cluster's db-scheduler task both answer
 * it, so /status shows the next run whichever is in use.
 */
public interface CollectionSchedule {

	/**
	 * When the next scheduled collection starts.
	 * @return the instant, empty while nothing is scheduled
	 */
	Optional<Instant> nextRun();

}
