package dev.collector.collect;

import java.util.List;

/**
 * The retries of failed parts that a live (scheduled or manual) run takes on after its
 * own window: earlier windows of parts that failed, whose retry is due. The coverage
 * ledger provides them (failed periods, with back-off); without one, failed parts are not
 * retried.
 */
@FunctionalInterface
public interface PartRetries {

	/** No retries. */
	PartRetries NONE = (live) -> List.of();

	/**
	 * The retries a live run takes on.
	 * @param live the run's own request
	 * @return requests of the same run ({@link CollectionRequest#withWindow}) for the
	 * windows and symbols to collect again, each ending where the live window starts
	 */
	List<CollectionRequest> retries(CollectionRequest live);

}
