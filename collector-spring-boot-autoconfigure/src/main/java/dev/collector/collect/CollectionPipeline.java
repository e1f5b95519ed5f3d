package dev.collector.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.collector.collect.BatchWriter.Outcome;
import dev.collector.collect.Quarantine.QuarantinedRecord;
import dev.collector.sink.RecordSink;
import dev.collector.sink.WriteResult;
import dev.collector.sink.WriteResult.RejectedRecord;

/**
 * One collection from source to sink: fetch lazily, run the processors, validate, and
 * write valid records in batches while invalid ones go to the quarantine. Pipelined (the
 * default), the next batch is read and validated while the previous one is written, on a
 * writer thread ({@link BatchWriter}); at most two batches of records are then in memory.
 *
 * @param <T> the record type
 */
public class CollectionPipeline<T> {

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

	/**
	 * Run one collection.
	 * @param request what to collect
	 * @return the counts
	 * @throws Exception when the source, a processor or the store fails; batches written
	 * before stay stored (the writes are idempotent)
	 */
	public RecordCounts execute(CollectionRequest request) throws Exception {
		SourceTimer source = new SourceTimer(request);
		try (BatchWriter<T> writer = writerFor(request)) {
			Run run = new Run(request, writer);
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
				run.abandon(ex);
				throw ex;
			}
			catch (Throwable ex) {
				run.abandon(ex);
				throw ex;
			}
			return run.counts();
		}
	}

	private BatchWriter<T> writerFor(CollectionRequest request) {
		// A transaction bound to this thread (a caller's @Transactional) is one the
		// writes
		// must join, and a writer thread would not see it. A dry run writes nothing.
		if (!this.pipelined || request.dryRun() || TransactionSynchronizationManager.isActualTransactionActive()) {
			return BatchWriter.synchronous(this.sink);
		}
		return BatchWriter.pipelined(this.sink, "collector-" + this.collectorName + "-writer");
	}

	/**
	 * Times the source (the call to {@link Collector#collect} plus the time spent inside
	 * its stream, not the time spent downstream) and marks its failures as
	 * {@link SourceException}s.
	 */
	private final class SourceTimer {

		private final CollectionRequest request;

		private SourceSpliterator<T> spliterator;

		private long openNanos;

		private boolean reported;

		SourceTimer(CollectionRequest request) {
			this.request = request;
		}

		@SuppressWarnings("unchecked")
		Stream<T> open() {
			long start = System.nanoTime();
			Stream<T> stream;
			try {
				stream = (Stream<T>) CollectionPipeline.this.sourceInvoker
					.open(() -> CollectionPipeline.this.collector.collect(this.request));
			}
			catch (Exception ex) {
				throw new SourceException(ex);
			}
			finally {
				this.openNanos = System.nanoTime() - start;
			}
			if (stream == null) {
				return Stream.empty();
			}
			this.spliterator = new SourceSpliterator<>(stream.spliterator());
			return StreamSupport.stream(this.spliterator, false).onClose(stream::close);
		}

		void finished(Throwable failure) {
			if (!this.reported) {
				this.reported = true;
				long nanos = this.openNanos + ((this.spliterator != null) ? this.spliterator.nanos : 0);
				CollectionPipeline.this.observer.sourceCalled(this.request, failure, Duration.ofNanos(nanos));
			}
		}

	}

	private static final class SourceSpliterator<T> implements Spliterator<T> {

		private final Spliterator<T> delegate;

		private Object next;

		long nanos;

		SourceSpliterator(Spliterator<T> delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			// Only the source's own advance is guarded and timed: the action runs the
			// processors and the rest of the pipeline, which are not the source's doing.
			long start = System.nanoTime();
			boolean advanced;
			try {
				advanced = this.delegate.tryAdvance((item) -> this.next = item);
			}
			catch (RuntimeException ex) {
				throw new SourceException(ex);
			}
			finally {
				this.nanos += System.nanoTime() - start;
			}
			if (advanced) {
				@SuppressWarnings("unchecked")
				T item = (T) this.next;
				this.next = null;
				action.accept(item);
			}
			return advanced;
		}

		@Override
		public Spliterator<T> trySplit() {
			return null;
		}

		@Override
		public long estimateSize() {
			return this.delegate.estimateSize();
		}

		@Override
		public int characteristics() {
			return this.delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
		}

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

		private long collected;

		private long inserted;

		private long duplicates;

		private long invalid;

		// read once per run, so a refreshed value applies from the next run on
		private final int batchSize = CollectionPipeline.this.batchSize.getAsInt();

		Run(CollectionRequest request, BatchWriter<T> writer) {
			this.request = request;
			this.writer = writer;
		}

		void accept(T record) throws Exception {
			this.collected++;
			String violations = CollectionPipeline.this.validator.violations(record);
			if (violations != null) {
				this.invalid++;
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
			this.inserted += result.inserted();
			this.duplicates += result.duplicates();
			if (!result.rejected().isEmpty()) {
				this.invalid += result.rejected().size();
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

		RecordCounts counts() {
			return new RecordCounts(this.collected, this.inserted, this.duplicates, this.invalid);
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
