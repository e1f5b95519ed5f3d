package dev.collector.collect;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells every observer, in order; one that throws is logged and does not stop the run or
 * the others.
 */
public class CompositeCollectionObserver implements CollectionObserver {

	private static final Log logger = LogFactory.getLog(CompositeCollectionObserver.class);

	private final List<CollectionObserver> observers;

	public CompositeCollectionObserver(List<CollectionObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	@Override
	public void runStarted(CollectionRequest request) {
		each((observer) -> observer.runStarted(request));
	}

	@Override
	public void batchWritten(CollectionRequest request, WriteResult<?> result, Duration took) {
		each((observer) -> observer.batchWritten(request, result, took));
	}

	@Override
	public void batchFailed(CollectionRequest request, Throwable failure, Duration took) {
		each((observer) -> observer.batchFailed(request, failure, took));
	}

	@Override
	public void recordsInvalid(CollectionRequest request, long count) {
		each((observer) -> observer.recordsInvalid(request, count));
	}

	@Override
	public void sourceCalled(CollectionRequest request, Throwable failure, Duration took) {
		each((observer) -> observer.sourceCalled(request, failure, took));
	}

	@Override
	public void databaseQueried(Throwable failure) {
		each((observer) -> observer.databaseQueried(failure));
	}

	@Override
	public void sourceOpening(CollectionRequest request) {
		each((observer) -> observer.sourceOpening(request));
	}

	@Override
	public void batchSubmitted(CollectionRequest request) {
		each((observer) -> observer.batchSubmitted(request));
	}

	@Override
	public void runFinished(CollectionResult result) {
		each((observer) -> observer.runFinished(result));
	}

	private void each(Consumer<CollectionObserver> call) {
		for (CollectionObserver observer : this.observers) {
			try {
				call.accept(observer);
			}
			catch (RuntimeException ex) {
				logger.warn("Collection observer " + observer.getClass().getName() + " failed: " + ex.getMessage(), ex);
			}
		}
	}

}
