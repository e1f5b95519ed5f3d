package dev.collector.collect;

import java.time.Duration;

/**
 * Hooks into the life of a collection, for metrics and status. Implementations must be
 * fast and must not throw: they run on the collection's thread.
 */
public interface CollectionObserver {

	/**
	 * A collection started.
	 * @param request the request
	 */
	default void runStarted(CollectionRequest request) {
	}

	/**
	 * The source is about to be called for the run's request (the window is known by
	 * now), on the thread that will read its records.
	 * @param request the run's request
	 */
	default void sourceOpening(CollectionRequest request) {
	}

	/**
	 * A batch is handed to the sink: every record read from the source so far is in it or
	 * in an earlier batch (or was invalid). {@link #batchWritten} or {@link #batchFailed}
	 * follows for it, in order.
	 * @param request the run's request
	 */
	default void batchSubmitted(CollectionRequest request) {
	}

	/**
	 * A batch was written and committed.
	 * @param request the run's request
	 * @param result what the sink did
	 * @param took how long the write took
	 */
	default void batchWritten(CollectionRequest request, WriteResult<?> result, Duration took) {
	}

	/**
	 * A batch could not be written.
	 * @param request the run's request
	 * @param failure the sink's exception
	 * @param took how long the attempt took
	 */
	default void batchFailed(CollectionRequest request, Throwable failure, Duration took) {
	}

	/**
	 * Records failed validation.
	 * @param request the run's request
	 * @param count how many
	 */
	default void recordsInvalid(CollectionRequest request, long count) {
	}

	/**
	 * The source answered: its stream was consumed to the end, or it failed.
	 * @param request the run's request
	 * @param failure the source's exception, {@code null} on success
	 * @param took time spent in the source
	 */
	default void sourceCalled(CollectionRequest request, Throwable failure, Duration took) {
	}

	/**
	 * The framework queried its own tables (the checkpoint, for instance).
	 * @param failure the exception, {@code null} on success
	 */
	default void databaseQueried(Throwable failure) {
	}

	/**
	 * A collection ended.
	 * @param result the outcome
	 */
	default void runFinished(CollectionResult result) {
	}

}
