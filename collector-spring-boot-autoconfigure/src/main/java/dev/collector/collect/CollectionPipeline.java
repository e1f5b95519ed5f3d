package dev.collector.collect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.collector.collect.BatchWriter.Outcome;
import dev.collector.collect.Quarantine.QuarantinedRecord;
import dev.collector.observation.CollectorObservations;
import dev.collector.observation.CollectorObservationsAware;
import dev.collector.collect.WriteResult.RejectedRecord;

/**
 * One collection from source to sink: fetch lazily, run the processors, validate, and
 * write valid records in batches while invalid ones go to the quarantine. Pipelined (the
 * default), the next batch is read and validated while the previous one is written, on a
 * writer thread ({@link BatchWriter}); at most two batches of records are then in memory.
 * The source's calls of a window are a {@code collector.source} observation, each batch
 * written a {@code collector.sink.write} (see
 * {@link dev.collector.observation.CollectorObservationDocumentation}).
 *
 * @param <T> the record type
 */
public class CollectionPipeline<T> implements CollectorObservationsAware {

	private final String collectorName;

	private final Collector<T> collector;

	private final List<RecordProcessor<T>> processors;

	private final RecordValidator validator;

	private final RecordSink<T> sink;

	private final Quarantine quarantine;

	private final ObjectMapper objectMapper;

	private final CollectionObserver observer;

	private final IntSupplier batchSize;

	private final SourceInvoker sourceInvoker;

	private final boolean pipelined;

	private CollectorObservations observations = CollectorObservations.NOOP;

	/**
	 * Create a pipelined pipeline with a fixed batch size that calls the source directly.
	 */
	public CollectionPipeline(String collectorName, Collector<T> collector, List<RecordProcessor<T>> processors,
			RecordValidator validator, RecordSink<T> sink, Quarantine quarantine, ObjectMapper objectMapper,
			CollectionObserver observer, int batchSize) {
		this(collectorName, collector, processors, validator, sink, quarantine, objectMapper, observer, () -> batchSize,
				SourceInvoker.DIRECT);
	}

	/**
	 * Create a pipelined pipeline whose batch size may change between runs (a refreshed
	 * property) and whose source call goes through an invoker (rate limit, breaker,
	 * retry, timeout).
	 */
	public CollectionPipeline(String collectorName, Collector<T> collector, List<RecordProcessor<T>> processors,
			RecordValidator validator, RecordSink<T> sink, Quarantine quarantine, ObjectMapper objectMapper,
			CollectionObserver observer, IntSupplier batchSize, SourceInvoker sourceInvoker) {
		this(collectorName, collector, processors, validator, sink, quarantine, objectMapper, observer, batchSize,
				sourceInvoker, true);
	}

	/**
	 * Create a pipeline whose batch size may change between runs (a refreshed property),
	 * whose source call goes through an invoker (rate limit, breaker, retry, timeout),
	 * and that may be told to write every batch on the collection's own thread.
	 * @param pipelined whether the next batch is read and validated while the previous
	 * one is written on a writer thread; even so, a run writes on its own thread when a
	 * transaction is active there, so that the writes join it
	 */
	public CollectionPipeline(String collectorName, Collector<T> collector, List<RecordProcessor<T>> processors,
			RecordValidator validator, RecordSink<T> sink, Quarantine quarantine, ObjectMapper objectMapper,
			CollectionObserver observer, IntSupplier batchSize, SourceInvoker sourceInvoker, boolean pipelined) {
		this.collectorName = collectorName;
		this.collector = collector;
		this.processors = List.copyOf(processors);
		this.validator = validator;
		this.sink = sink;
		this.quarantine = quarantine;
		this.objectMapper = objectMapper;
		this.observer = observer;
		this.batchSize = batchSize;
		this.sourceInvoker = sourceInvoker;
		this.pipelined = pipelined;
	}

	@Override
	public void setObservations(CollectorObservations observations) {
		this.observations = (observations != null) ? observations : CollectorObservations.NOOP;
	}

	/**
	 * Run one collection.
	 * @param request what to collect
	 * @return the counts
	 * @throws Exception when the source, a processor or the store fails; batches written
	 * before stay stored (the writes are idempotent)
	 */
	public RecordCounts execute(CollectionRequest request) throws Exception {
		RunCounts counts = new RunCounts();
		execute(request, counts);
		return counts.snapshot();
	}

	/**
	 * Collect one window of a run, adding to the run's counts. Parts that fail (see
	 * {@link CollectionRequest#failed(String, Throwable)}) are in the request's
	 * {@link CollectionRequest#failures() failures}; when the source fails as a whole,
	 * the records read before are written first, then the failure propagates.
	 * @param request what to collect
	 * @param counts the run's counts, updated as records go
	 * @throws Exception when the source, a processor or the store fails; batches written
	 * before stay stored (the writes are idempotent)
	 */
	void execute(CollectionRequest request, RunCounts counts) throws Exception {
		// what the application shares between collectors (the collectorRestClient, the
		// cache manager) serves this one for the source's calls on this thread
		try (RunningCollector.Scope running = RunningCollector.enter(this.collectorName)) {
			executeMarked(request, counts);
		}
	}

	private void executeMarked(CollectionRequest request, RunCounts counts) throws Exception {
		SourceTimer<T> source = new SourceTimer<>(this.collectorName, this.collector, this.sourceInvoker, this.observer,
				this.observations, request);
		try (BatchWriter<T> writer = writerFor(request)) {
			Run run = new Run(request, writer, counts);
			this.observer.sourceOpening(request);
			try (Stream<T> fetched = source.open()) {
				Stream<T> records = fetched;
				for (RecordProcessor<T> processor : this.processors) {
					records = processor.process(records, request);
				}
				Iterator<T> iterator = records.iterator();
				while (iterator.hasNext()) {
					run.accept(iterator.next());
				}
				source.finished(null);
				run.flush();
				run.finish();
			}
			catch (SourceException ex) {
				source.finished(ex.getCause());
				// what was read is valid and fetched: a failing source never loses it
				run.writeWhatWasRead(ex);
				throw ex;
			}
			catch (Throwable ex) {
				run.abandon(ex);
				throw ex;
			}
			finally {
				source.stop();
			}
		}
	}

	/**
	 * The symbols the collector knows.
	 * @return its symbols
	 */
	Set<String> symbols() {
		return this.collector.symbols();
	}

	private BatchWriter<T> writerFor(CollectionRequest request) {
		// A transaction bound to this thread (a caller's @Transactional) is one the
		// writes
		// must join, and a writer thread would not see it. A dry run writes nothing.
		BatchWriter<T> writer = (!this.pipelined || request.dryRun()
				|| TransactionSynchronizationManager.isActualTransactionActive()) ? BatchWriter.synchronous(this.sink)
						: BatchWriter.pipelined(this.sink, "collector-" + this.collectorName + "-writer");
		return writer.observed(this.observations, this.collectorName, request.runId());
	}

	/**
	 * The mutable state of one execution: the current batch and the counts. Every method
	 * runs on the collection's thread, the reporting of what the sink did included.
	 */
	private final class Run {

		private final CollectionRequest request;

		private final BatchWriter<T> writer;

		private final List<T> batch = new ArrayList<>();

		private final List<QuarantinedRecord> rejected = new ArrayList<>();

		private final RunCounts counts;

		// read once per run, so a refreshed value applies from the next run on
		private final int batchSize = CollectionPipeline.this.batchSize.getAsInt();

		Run(CollectionRequest request, BatchWriter<T> writer, RunCounts counts) {
			this.request = request;
			this.writer = writer;
			this.counts = counts;
		}

		void accept(T record) throws Exception {
			this.counts.collected++;
			String violations = CollectionPipeline.this.validator.violations(record);
			if (violations != null) {
				this.counts.invalid++;
				CollectionPipeline.this.observer.recordsInvalid(this.request, 1);
				this.rejected.add(new QuarantinedRecord(json(record), violations));
			}
			else {
				this.batch.add(record);
			}
			if (this.batch.size() >= this.batchSize || this.rejected.size() >= this.batchSize) {
				flush();
			}
		}

		void flush() throws Exception {
			// the previous batch first: its failure stops the run before another write
			// starts
			report(this.writer.awaitInFlight());
			if (Thread.currentThread().isInterrupted()) {
				throw new CollectionInterruptedException();
			}
			if (!this.batch.isEmpty()) {
				if (!this.request.dryRun()) {
					CollectionPipeline.this.observer.batchSubmitted(this.request);
					report(this.writer.write(List.copyOf(this.batch)));
				}
				this.batch.clear();
			}
			if (!this.rejected.isEmpty()) {
				if (!this.request.dryRun()) {
					quarantine(List.copyOf(this.rejected));
				}
				this.rejected.clear();
			}
		}

		/**
		 * The stream ended and was flushed: wait for the last write, so that every batch
		 * is committed when the run returns (the checkpoint moves after that).
		 */
		void finish() throws Exception {
			report(this.writer.awaitInFlight());
		}

		/**
		 * The source failed: write the batch read so far (it is valid and fetched), after
		 * the write in flight. What goes wrong with it is added to the failure.
		 */
		void writeWhatWasRead(Throwable failure) {
			try {
				flush();
				finish();
			}
			catch (Throwable ex) {
				failure.addSuppressed(ex);
				abandon(failure);
			}
		}

		/**
		 * The run failed: the write in flight, if any, may commit, so wait for it and
		 * report it before the failure propagates. What goes wrong with it is added to
		 * the failure.
		 */
		void abandon(Throwable failure) {
			try {
				report(this.writer.awaitInFlight());
			}
			catch (Throwable ex) {
				failure.addSuppressed(ex);
			}
		}

		private void report(Outcome<T> outcome) throws Exception {
			if (outcome == null) {
				return;
			}
			if (outcome.failure() != null) {
				CollectionPipeline.this.observer.batchFailed(this.request, outcome.failure(), outcome.took());
				throw outcome.failure();
			}
			WriteResult<T> result = outcome.result();
			CollectionPipeline.this.observer.batchWritten(this.request, result, outcome.took());
			this.counts.inserted += result.inserted();
			this.counts.duplicates += result.duplicates();
			this.counts.repeated += result.repeated();
			if (!result.rejected().isEmpty()) {
				this.counts.invalid += result.rejected().size();
				CollectionPipeline.this.observer.recordsInvalid(this.request, result.rejected().size());
				List<QuarantinedRecord> refused = new ArrayList<>(result.rejected().size());
				for (RejectedRecord<T> record : result.rejected()) {
					refused.add(new QuarantinedRecord(json(record.record()), record.reason()));
				}
				// at once, with the batch they came from: a run interrupted or failed
				// later
				// drops the records of its unfinished batch, not these
				quarantine(refused);
			}
		}

		private void quarantine(List<QuarantinedRecord> records) {
			CollectionPipeline.this.quarantine.add(CollectionPipeline.this.collectorName, this.request.runId(),
					records);
		}

		private String json(Object record) {
			try {
				return CollectionPipeline.this.objectMapper.writeValueAsString(record);
			}
			catch (JsonProcessingException ex) {
				return String.valueOf(record);
			}
		}

	}

}
