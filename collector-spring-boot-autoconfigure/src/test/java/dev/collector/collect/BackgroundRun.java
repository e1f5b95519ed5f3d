package dev.collector.collect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collection on a thread of its own, so that the test can watch it wait.
 */
final class BackgroundRun {

	private final CompletableFuture<RecordCounts> result = new CompletableFuture<>();

	private final Thread thread;

	volatile boolean interruptedAtTheEnd;

	private BackgroundRun(Execution execution) {
		this.thread = new Thread(() -> {
			RecordCounts counts = null;
			Throwable failure = null;
			try {
				counts = execution.run();
			}
			catch (Throwable ex) {
				failure = ex;
			}
			this.interruptedAtTheEnd = Thread.currentThread().isInterrupted();
			if (failure != null) {
				this.result.completeExceptionally(failure);
			}
			else {
				this.result.complete(counts);
			}
		}, "collection");
		this.thread.setDaemon(true);
	}

	static BackgroundRun start(Execution execution) {
		BackgroundRun run = new BackgroundRun(execution);
		run.thread.start();
		return run;
	}

	CompletableFuture<RecordCounts> result() {
		return this.result;
	}

	/**
	 * Poll until the collection parks (it waits for the write in flight), at most 10 s.
	 */
	void awaitWaiting() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.thread.getState() != Thread.State.WAITING) {
			assertThat(System.nanoTime()).as("the collection thread waits").isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	@FunctionalInterface
	interface Execution {

		RecordCounts run() throws Exception;

	}

}
