package dev.collector.collect;

import java.util.concurrent.CompletableFuture;

/**
 * Starts a collection on demand ({@code POST /collect}). The {@link CollectionRunner}
 * runs it in this JVM; with a database, a cluster-wide launcher runs it through the
 * shared schedule, so that only one collection runs at a time across all replicas.
 */
public interface CollectionLauncher {

	/**
	 * Start a collection from the checkpoint to now.
	 * @param trigger what starts it
	 * @param dryRun whether to fetch and validate only
	 * @return the run id and the future result
	 * @throws CollectionInProgressException when a collection is running or about to
	 */
	Submission submit(Trigger trigger, boolean dryRun);

	/**
	 * A collection that was started.
	 *
	 * @param runId its run id
	 * @param trigger what started it
	 * @param result its result, when it ends
	 */
	record Submission(String runId, Trigger trigger, CompletableFuture<CollectionResult> result) {
	}

}
