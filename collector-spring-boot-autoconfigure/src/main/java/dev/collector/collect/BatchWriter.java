package dev.collector.collect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.observation.Observation;
import org.slf4j.MDC;

import org.springframework.util.Assert;

import dev.collector.observation.CollectorObservations;
import dev.collector.observation.SinkWriteContext;

/**
 * Writes the batches of one run to the sink, strictly one after the other. Synchronous,
 * every batch is written on the calling thread. Pipelined, a batch is handed to a writer
 * thread of the run's own, so that the collection thread reads, processes and validates
 * the next batch while the database writes this one: the per-record Java work then
 * overlaps the write instead of adding to it.
 * <p>
 * Only the sink call runs on the writer thread. Its {@link Outcome} is handed back to the
 * collection thread, which reports it (observers, counts, quarantine): those never run
 * concurrently with each other, as when every write was synchronous. At most one batch is
 * in flight, so a run holds at most two batches in memory, and a failed write is known
 * before the next one starts: nothing is written after it.
 *
 * @param <T> the record type
 */
final class BatchWriter<T> implements AutoCloseable {

	private final RecordSink<T> sink;

	/** {@code null} when every batch is written on the calling thread. */
	private final String writerThreadName;

	private ExecutorService writer;

	private CollectorObservations observations = CollectorObservations.NOOP;

	private String collector;

	private String runId;

	private Future<Outcome<T>> inFlight;

	private BatchWriter(RecordSink<T> sink, String writerThreadName) {
		this.sink = sink;
		this.writerThreadName = writerThreadName;
	}

	/**
	 * A writer that writes every batch on the calling thread.
	 * @param <T> the record type
	 * @param sink the sink
	 * @return the writer
	 */
	static <T> BatchWriter<T> synchronous(RecordSink<T> sink) {
		return new BatchWriter<>(sink, null);
	}

	/**
	 * A writer that writes on a thread of its own, one batch at a time.
	 * @param <T> the record type
	 * @param sink the sink
	 * @param threadName the name of the writer thread
	 * @return the writer
	 */
	static <T> BatchWriter<T> pipelined(RecordSink<T> sink, String threadName) {
		return new BatchWriter<>(sink, threadName);
	}

	/**
	 * Write a batch, or start writing it. Pipelined, the batch in flight must have been
	 * collected with {@link #awaitInFlight()} first.
	 * @param batch the records; not modified afterwards
	 * @return what the write did, or {@code null} when the write is now in flight
	 */
	/**
	 * Observe every batch as a {@code collector.sink.write} whose parent is the
	 * observation in scope where the batch is handed over (the run's).
	 * @param observations where the observations go
	 * @param collector the collector's name
	 * @param runId the run's id
	 * @return this writer
	 */
	BatchWriter<T> observed(CollectorObservations observations, String collector, String runId) {
		this.observations = observations;
		this.collector = collector;
		this.runId = runId;
		return this;
	}

	Outcome<T> write(List<T> batch) {
		Observation parent = this.observations.current();
		if (this.writerThreadName == null) {
			return writeNow(batch, parent);
		}
		Assert.state(this.inFlight == null, "A batch is in flight: await it before writing the next one");
		// the run id (and whatever else the run logs with) on the sink's log lines too
		Map<String, String> context = MDC.getCopyOfContextMap();
		this.inFlight = writer().submit(() -> {
			if (context != null) {
				MDC.setContextMap(context);
			}
			try {
				return writeNow(batch, parent);
			}
			finally {
				MDC.clear();
			}
		});
		return null;
	}

	/**
	 * Wait for the batch in flight, if any, and hand back what its write did. The wait
	 * goes on when the calling thread is interrupted (a shutdown): the write is not
	 * abandoned in the middle of its transaction, and its outcome must still be reported.
	 * The interruption is kept for the caller to act on.
	 * @return the outcome, or {@code null} when no batch is in flight
	 */
	Outcome<T> awaitInFlight() {
		Future<Outcome<T>> future = this.inFlight;
		if (future == null) {
			return null;
		}
		this.inFlight = null;
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return future.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					// writeNow catches every exception of the sink: only an Error gets
					// here
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Let the writer thread end. A write still in flight (the run failed before awaiting
	 * it) runs to its end: it is never interrupted mid-transaction.
	 */
	@Override
	public void close() {
		if (this.writer != null) {
			this.writer.shutdown();
		}
	}

	private Outcome<T> writeNow(List<T> batch, Observation parent) {
		SinkWriteContext context = new SinkWriteContext(this.collector, this.runId, batch.size());
		Observation observation = this.observations.sinkWrite(context, parent).start();
		long start = System.nanoTime();
		try (Observation.Scope scope = observation.openScope()) {
			WriteResult<T> result = this.sink.write(batch);
			context.setCounts(result.inserted(), result.duplicates(), result.rejected().size());
			return new Outcome<>(result, null, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (Exception ex) {
			observation.error(ex);
			return new Outcome<>(null, ex, Duration.ofNanos(System.nanoTime() - start));
		}
		finally {
			observation.stop();
		}
	}

	private ExecutorService writer() {
		// created at the first batch: a run that writes nothing starts no thread
		if (this.writer == null) {
			this.writer = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, this.writerThreadName);
				// never keeps the JVM alive: the collection thread always waits for its
				// write
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.writer;
	}

	/**
	 * What the write of one batch did.
	 *
	 * @param <T> the record type
	 * @param result the sink's answer, {@code null} when it failed
	 * @param failure the sink's exception, {@code null} when it succeeded
	 * @param took how long the sink call took
	 */
	record Outcome<T>(WriteResult<T> result, Exception failure, Duration took) {
	}

}
