package dev.collector.collect;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.WriteResult.RejectedRecord;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipeline writes a batch on a writer thread while it reads and validates the next
 * one, and behaves otherwise as when every write was synchronous: order, failures,
 * interruption, transactions of the caller's.
 */
class PipelinedWritesTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final RecordValidator VALIDATOR = new RecordValidator(
			Validation.buildDefaultValidatorFactory().getValidator());

	private final ScriptedCollector collector = new ScriptedCollector();

	private final InMemoryStores stores = new InMemoryStores();

	private final RecordingObserver observer = new RecordingObserver();

	/**
	 * Records that went through the processors, i.e. were read and are about to be
	 * validated.
	 */
	private final AtomicInteger processed = new AtomicInteger();

	private final CollectionRequest request = new CollectionRequest("r-1", Trigger.MANUAL, NOW.minusSeconds(3600), NOW,
			Set.of(), false, false);

	@Test
	void batchesAreWrittenInOrderOnAWriterThreadAndReportedOnTheCollectionThread() throws Exception {
		RecordingSink sink = new RecordingSink();
		this.collector.returning(() -> readings(25, (i) -> {
		}));
		RecordCounts counts = pipeline(sink, 10, true).execute(this.request);
		assertThat(counts).isEqualTo(new RecordCounts(25, 25, 0, 0));
		assertThat(sink.threads).containsOnly("collector-test-writer");
		assertThat(sink.daemon).isTrue();
		assertThat(sink.batches).extracting(List::size).containsExactly(10, 10, 5);
		assertThat(sink.batches.stream().flatMap(List::stream).map(Reading::takenAt))
			.containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(NOW::plusSeconds).toList());
		assertThat(this.observer.batchEvents()).containsExactly("written 10", "written 10", "written 5");
		assertThat(this.observer.threads).containsOnly(Thread.currentThread().getName());
	}

	@Test
	void atMostOneBatchIsInFlightWhileTheNextOneIsReadAndValidated() throws Exception {
		CountDownLatch secondBatchRead = new CountDownLatch(1);
		CountDownLatch firstWriteStarted = new CountDownLatch(1);
		CountDownLatch releaseFirstWrite = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		AtomicInteger writing = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		RecordingSink sink = new RecordingSink() {
			@Override
			public WriteResult<Reading> write(List<Reading> batch) throws Exception {
				mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
				try {
					if (started.incrementAndGet() == 1) {
						firstWriteStarted.countDown();
						await(releaseFirstWrite);
					}
					return super.write(batch);
				}
				finally {
					writing.decrementAndGet();
				}
			}
		};
		this.collector.returning(() -> readings(50, (i) -> {
		}));
		CollectionPipeline<Reading> pipeline = pipelineSignallingTheSecondBatch(sink, secondBatchRead);
		BackgroundRun run = BackgroundRun.start(() -> pipeline.execute(this.request));

		// the first write is held: the second batch is read and validated meanwhile...
		await(secondBatchRead);
		// ...and then the collection waits for the first write instead of handing over
		// the second
		run.awaitWaiting();
		assertThat(this.processed).hasValue(20);
		// the writer thread may start the first write only after the collection waits for
		// it
		await(firstWriteStarted);
		assertThat(started).hasValue(1);

		releaseFirstWrite.countDown();
		assertThat(run.result().get(10, TimeUnit.SECONDS)).isEqualTo(new RecordCounts(50, 50, 0, 0));
		assertThat(mostAtOnce).hasValue(1);
		assertThat(sink.batches).hasSize(5);
	}

	@Test
	void failedWriteFailsTheRunWithTheSinksExceptionAndNothingIsWrittenAfterIt() {
		SQLException diskFull = new SQLException("disk full");
		RecordingSink sink = new RecordingSink() {
			@Override
			public WriteResult<Reading> write(List<Reading> batch) throws Exception {
				if (this.calls.get() == 1) {
					this.calls.incrementAndGet();
					throw diskFull;
				}
				return super.write(batch);
			}
		};
		this.collector.returning(() -> readings(40, (i) -> {
		}));
		assertThatThrownBy(() -> pipeline(sink, 10, true).execute(this.request)).isSameAs(diskFull);
		assertThat(sink.calls).as("batches 3 and 4 never written").hasValue(2);
		assertThat(sink.batches).extracting(List::size).containsExactly(10);
		assertThat(this.observer.batchEvents()).containsExactly("written 10", "failed disk full");
	}

	@Test
	void sourceFailureAfterABatchWasHandedOverWaitsForItsWriteAndReportsIt() {
		CountDownLatch firstWriteStarted = new CountDownLatch(1);
		CountDownLatch releaseFirstWrite = new CountDownLatch(1);
		RecordingSink sink = new RecordingSink() {
			@Override
			public WriteResult<Reading> write(List<Reading> batch) throws Exception {
				firstWriteStarted.countDown();
				await(releaseFirstWrite);
				return super.write(batch);
			}
		};
		// the write is held until the source failure was seen: the pipeline must wait for
		// it
		this.observer.onSourceFailure = releaseFirstWrite::countDown;
		this.collector.returning(() -> readings(15, (i) -> {
			if (i == 12) {
				await(firstWriteStarted);
				throw new IllegalStateException("connection reset");
			}
		}));
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> pipeline(sink, 10, true).execute(this.request))
			.withMessageContaining("connection reset");
		// the two records read after the first batch are written too: a failing source
		// never loses what was fetched
		assertThat(sink.batches).extracting(List::size).containsExactly(10, 2);
		assertThat(this.observer.events).containsExactly("source failed", "written 10", "written 2");
	}

	@Test
	void interruptionWaitsForTheWriteInFlightReportsItAndThenStops() throws Exception {
		CountDownLatch secondBatchRead = new CountDownLatch(1);
		CountDownLatch releaseFirstWrite = new CountDownLatch(1);
		AtomicBoolean writeInterrupted = new AtomicBoolean();
		RecordingSink sink = new RecordingSink() {
			@Override
			public WriteResult<Reading> write(List<Reading> batch) throws Exception {
				await(releaseFirstWrite);
				writeInterrupted.set(Thread.currentThread().isInterrupted());
				return super.write(batch);
			}
		};
		this.collector.returning(() -> readings(50, (i) -> {
			if (i == 10) {
				// shutdown while the first batch is being written
				Thread.currentThread().interrupt();
			}
		}));
		CollectionPipeline<Reading> pipeline = pipelineSignallingTheSecondBatch(sink, secondBatchRead);
		BackgroundRun run = BackgroundRun.start(() -> pipeline.execute(this.request));
		await(secondBatchRead);
		run.awaitWaiting();
		assertThat(sink.calls).as("first write still in flight").hasValue(0);

		releaseFirstWrite.countDown();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> run.result().get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(CollectionInterruptedException.class);
		assertThat(writeInterrupted).as("the write was not interrupted").isFalse();
		assertThat(sink.batches).extracting(List::size).containsExactly(10);
		assertThat(this.observer.batchEvents()).containsExactly("written 10");
		assertThat(run.interruptedAtTheEnd).as("the interruption is kept for the caller").isTrue();
	}

	@Test
	void runIdOfTheLoggingContextIsVisibleInsideTheSink() {
		List<String> runIds = new CopyOnWriteArrayList<>();
		RecordingSink sink = new RecordingSink() {
			@Override
			public WriteResult<Reading> write(List<Reading> batch) throws Exception {
				runIds.add(MDC.get(CollectionRunner.MDC_RUN_ID));
				return super.write(batch);
			}
		};
		this.collector.returning(() -> readings(15, (i) -> {
		}));
		CollectionRunner runner = new CollectionRunner("test", "i-1", pipeline(sink, 10, true), this.stores,
				this.stores, this.observer, (event) -> {
				}, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, Duration.ofMinutes(15));
		CollectionResult result = runner.run(Trigger.MANUAL);
		assertThat(result.succeeded()).isTrue();
		assertThat(sink.threads).containsOnly("collector-test-writer");
		assertThat(runIds).containsExactly(result.runId(), result.runId());
	}

	@Test
	void writesJoinATransactionActiveOnTheCallingThread() {
		EmbeddedDatabase database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.build();
		try {
			JdbcTemplate jdbc = new JdbcTemplate(database);
			jdbc.execute(Reading.DDL);
			RecordingSink sink = new RecordingSink() {
				@Override
				public WriteResult<Reading> write(List<Reading> batch) throws Exception {
					for (Reading reading : batch) {
						jdbc.update("INSERT INTO reading (sensor, taken_at, celsius) VALUES (?, ?, ?)",
								reading.sensor(), reading.takenAt().atOffset(ZoneOffset.UTC), reading.celsius());
					}
					return super.write(batch);
				}
			};
			this.collector.returning(() -> readings(25, (i) -> {
			}));
			CollectionPipeline<Reading> pipeline = pipeline(sink, 10, true);
			RecordCounts counts = new TransactionTemplate(new DataSourceTransactionManager(database))
				.execute((status) -> {
					status.setRollbackOnly();
					try {
						return pipeline.execute(this.request);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
			assertThat(counts.inserted()).isEqualTo(25);
			assertThat(sink.threads).containsOnly(Thread.currentThread().getName());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class))
				.as("the writes were part of the rolled back transaction")
				.isZero();
		}
		finally {
			database.shutdown();
		}
	}

	@Test
	void notPipelinedWritesEveryBatchOnTheCallingThread() throws Exception {
		RecordingSink sink = new RecordingSink();
		this.collector.returning(() -> readings(25, (i) -> {
		}));
		RecordCounts counts = pipeline(sink, 10, false).execute(this.request);
		assertThat(counts).isEqualTo(new RecordCounts(25, 25, 0, 0));
		assertThat(sink.threads).containsOnly(Thread.currentThread().getName());
		assertThat(sink.batches).extracting(List::size).containsExactly(10, 10, 5);
	}

	@Test
	void recordsTheSinkRefusesGoToTheQuarantine() throws Exception {
		RecordingSink sink = new RecordingSink() {
			@Override
			public WriteResult<Reading> write(List<Reading> batch) throws Exception {
				super.write(batch);
				return new WriteResult<>(batch.size() - 1, 0,
						List.of(new RejectedRecord<>(batch.get(0), "value too long: " + batch.get(0).takenAt())));
			}
		};
		this.collector.returning(
				() -> IntStream.range(0, 21).mapToObj((i) -> Reading.of((i == 20) ? "" : "s1", NOW.plusSeconds(i), 1)));
		RecordCounts counts = pipeline(sink, 10, true).execute(this.request);
		assertThat(counts).isEqualTo(new RecordCounts(21, 18, 0, 3));
		assertThat(this.stores.quarantined).extracting(Quarantine.QuarantinedRecord::reason)
			.containsExactlyInAnyOrder("value too long: " + NOW, "value too long: " + NOW.plusSeconds(10),
					"sensor: must not be blank");
	}

	/**
	 * A pipelined pipeline of batches of 10 that counts the latch down once the second
	 * batch has been read, while the first one is (held) in flight.
	 */
	private CollectionPipeline<Reading> pipelineSignallingTheSecondBatch(RecordSink<Reading> sink,
			CountDownLatch secondBatchRead) {
		return pipeline(sink, 10, true, (i) -> {
			if (i == 19) {
				secondBatchRead.countDown();
			}
		});
	}

	private CollectionPipeline<Reading> pipeline(RecordSink<Reading> sink, int batchSize, boolean pipelined) {
		return pipeline(sink, batchSize, pipelined, (i) -> {
		});
	}

	/**
	 * A pipeline whose only processor counts the records it sees and calls a hook with
	 * the index of each, just before the record is validated.
	 */
	private CollectionPipeline<Reading> pipeline(RecordSink<Reading> sink, int batchSize, boolean pipelined,
			IntConsumer beforeValidation) {
		RecordProcessor<Reading> counting = (records, request) -> records
			.peek((record) -> beforeValidation.accept(this.processed.getAndIncrement()));
		return new CollectionPipeline<>("test", this.collector, List.of(counting), VALIDATOR, sink, this.stores,
				new ObjectMapper().findAndRegisterModules(), this.observer, () -> batchSize, SourceInvoker.DIRECT,
				pipelined);
	}

	private static java.util.stream.Stream<Reading> readings(int count, IntConsumer beforeEach) {
		return IntStream.range(0, count).mapToObj((i) -> {
			beforeEach.accept(i);
			return Reading.of("s1", NOW.plusSeconds(i), 1);
		});
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("latch never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Keeps the batches it is given and where it was called from.
	 */
	static class RecordingSink implements RecordSink<Reading> {

		final List<List<Reading>> batches = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final AtomicInteger calls = new AtomicInteger();

		volatile boolean daemon;

		@Override
		public WriteResult<Reading> write(List<Reading> batch) throws Exception {
			this.calls.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
			this.daemon = Thread.currentThread().isDaemon();
			this.batches.add(batch);
			return WriteResult.of(batch.size(), 0);
		}

	}

}
