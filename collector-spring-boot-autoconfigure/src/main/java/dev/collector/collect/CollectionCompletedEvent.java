package dev.collector.collect;

import org.springframework.context.ApplicationEvent;

/**
 * Published after a collection stored all its batches (and moved its checkpoint, for
 * scheduled and manual runs). Listen with {@code @EventListener} to hook Slack, Sentry,
 * DataDog and the like without touching the framework.
 */
public class CollectionCompletedEvent extends ApplicationEvent {

	public CollectionCompletedEvent(CollectionResult result) {
		super(result);
	}

	public CollectionResult getResult() {
		return (CollectionResult) getSource();
	}

}
