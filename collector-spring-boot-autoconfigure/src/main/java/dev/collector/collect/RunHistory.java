package dev.collector.collect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of past collections.
 */
public interface RunHistory {

	/**
	 * A run started.
	 * @param collector the collector's name
	 * @param instanceId the instance running it
	 * @param request the request
	 * @param startedAt when it started
	 */
	void started(String collector, String instanceId, CollectionRequest request, Instant startedAt);

	/**
	 * A run ended.
	 * @param collector the collector's name
	 * @param result the outcome
	 */
	void finished(String collector, CollectionResult result);

	/**
	 * The latest finished runs, newest first.
	 * @param collector the collector's name
	 * @param limit how many at most
	 * @return the runs
	 */
	List<CollectionResult> recent(String collector, int limit);

	/**
	 * The latest successful run.
	 * @param collector the collector's name
	 * @return the run, if any
	 */
	Optional<CollectionResult> lastSuccessful(String collector);

}
