package dev.collector.collect;

import org.springframework.context.ApplicationEvent;

/**
 * Published after a collection failed. Its checkpoint did not move; batches written
 * before the failure stay stored.
 */
public class CollectionFailedEvent extends ApplicationEvent {

	private final transient Throwable failure;

	public CollectionFailedEvent(CollectionResult result, Throwable failure) {
		super(result);
		this.failure = failure;
	}

	public CollectionResult getResult() {
		return (CollectionResult) getSource();
	}

	public Throwable getFailure() {
		return this.failure;
	}

}
