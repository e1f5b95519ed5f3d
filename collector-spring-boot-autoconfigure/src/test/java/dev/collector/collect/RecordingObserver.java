package dev.collector.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps what it is told, and on which thread.
 */
class RecordingObserver implements CollectionObserver {

	final List<String> events = Collections.synchronizedList(new ArrayList<>());

	final Set<String> threads = Collections.synchronizedSet(new HashSet<>());

	volatile Runnable onSourceFailure = () -> {
	};

	@Override
	public void batchWritten(CollectionRequest request, WriteResult<?> result, Duration took) {
		record("written " + result.inserted());
	}

	@Override
	public void batchFailed(CollectionRequest request, Throwable failure, Duration took) {
		record("failed " + failure.getMessage());
	}

	@Override
	public void sourceCalled(CollectionRequest request, Throwable failure, Duration took) {
		record((failure != null) ? "source failed" : "source ended");
		if (failure != null) {
			this.onSourceFailure.run();
		}
	}

	List<String> batchEvents() {
		synchronized (this.events) {
			return this.events.stream().filter((event) -> !event.startsWith("source")).toList();
		}
	}

	private void record(String event) {
		this.threads.add(Thread.currentThread().getName());
		this.events.add(event);
	}

}
