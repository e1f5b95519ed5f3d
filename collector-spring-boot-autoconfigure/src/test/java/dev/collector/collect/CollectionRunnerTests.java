package dev.collector.collect;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;

import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CollectionRunnerTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ScriptedCollector collector = new ScriptedCollector();

	private final InMemoryStores stores = new InMemoryStores();

	private InMemorySink sink = new InMemorySink();

	private final List<ApplicationEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final CollectorStatus status = new CollectorStatus();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private List<RecordProcessor<Reading>> processors = List.of();

	@AfterEach
	void stop() {
		this.collector.release();
		this.executor.shutdownNow();
	}

	private CollectionRunner runner(int batchSize) {
		CollectionPipeline<Reading> pipeline = new CollectionPipeline<>("test", this.collector, this.processors,
				new RecordValidator(Validation.buildDefaultValidatorFactory().getValidator()), this.sink, this.stores,
				new ObjectMapper().findAndRegisterModules(), this.status, batchSize);
		return new CollectionRunner("test", "i-1", pipeline, this.stores, this.stores, this.status,
				(event) -> this.events.add((ApplicationEvent) event), this.clock, this.executor,
				Duration.ofMinutes(15));
	}

	@Test
	void firstRunCollectsOneIntervalBackAndMovesTheCheckpointToNow() {
		this.collector.returning(ScriptedCollector.readings(NOW.minusSeconds(60), 3));
		CollectionResult result = runner(100).run(Trigger.SCHEDULED);
		assertThat(result.succeeded()).isTrue();
		assertThat(result.request().from()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
		assertThat(result.request().to()).isEqualTo(NOW);
		assertThat(result.counts()).isEqualTo(new RecordCounts(3, 3, 0, 0));
		assertThat(this.stores.checkpoints).containsEntry("test", NOW);
		assertThat(this.events).singleElement().isInstanceOf(CollectionCompletedEvent.class);
	}

	@Test
	void nextRunStartsAtTheCheckpointSoAServiceThatWasDownCatchesUp() {
		Instant checkpoint = NOW.minus(Duration.ofHours(5));
		this.stores.checkpoints.put("test", checkpoint);
		CollectionResult result = runner(100).run(Trigger.MANUAL);
		assertThat(result.request().from()).isEqualTo(checkpoint);
		assertThat(this.collector.requests()).singleElement()
			.satisfies((request) -> assertThat(request.from()).isEqualTo(checkpoint));
	}

	@Test
	void secondRunOfTheSameRecordsCountsDuplicates() {
		this.collector.returning(ScriptedCollector.readings(NOW, 4));
		CollectionRunner runner = runner(100);
		runner.run(Trigger.MANUAL);
		CollectionResult second = runner.run(Trigger.MANUAL);
		assertThat(second.counts()).isEqualTo(new RecordCounts(4, 0, 4, 0));
	}

	@Test
	void invalidRecordsGoToTheQuarantineAndDoNotStopTheValidOnes() {
		this.collector.returning(List.of(Reading.of("s1", NOW, 20), Reading.of("", NOW, 21), Reading.of("s2", NOW, 500),
				Reading.of("s3", NOW, 22)));
		CollectionResult result = runner(100).run(Trigger.MANUAL);
		assertThat(result.counts()).isEqualTo(new RecordCounts(4, 2, 0, 2));
		assertThat(this.sink.stored).hasSize(2);
		assertThat(this.stores.quarantined).extracting(Quarantine.QuarantinedRecord::reason)
			.containsExactly("sensor: must not be blank", "celsius: must be less than or equal to 100");
		assertThat(this.stores.quarantined.get(0).payload()).contains("\"sensor\":\"\"");
	}

	@Test
	void failingSinkKeepsEarlierBatchesAndLeavesTheCheckpoint() {
		this.sink = new InMemorySink().failingOnBatch(2);
		this.stores.checkpoints.put("test", NOW.minusSeconds(3600));
		this.collector.returning(ScriptedCollector.readings(NOW, 25));
		CollectionResult result = runner(10).run(Trigger.SCHEDULED);
		assertThat(result.succeeded()).isFalse();
		assertThat(result.error()).contains("database gone");
		assertThat(this.sink.stored).hasSize(10);
		assertThat(this.stores.checkpoints).containsEntry("test", NOW.minusSeconds(3600));
		assertThat(this.events).singleElement().isInstanceOf(CollectionFailedEvent.class);
		assertThat(this.status.snapshot().consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void failingSourceFailsTheRunAsASourceError() {
		this.collector.failing("feed unreachable");
		CollectionResult result = runner(10).run(Trigger.MANUAL);
		assertThat(result.succeeded()).isFalse();
		assertThat(result.error()).contains("SourceException").contains("feed unreachable");
		// the origin written before collecting, so the next run fetches this window again
		assertThat(this.stores.checkpoints).containsEntry("test", result.request().from());
	}

	@Test
	void failureWhileReadingTheSourceStreamIsASourceError() {
		this.collector
			.returning(() -> Stream.concat(ScriptedCollector.readings(NOW, 5).stream(), Stream.<Reading>generate(() -> {
				throw new IllegalStateException("connection reset");
			}).limit(1)));
		CollectionResult result = runner(2).run(Trigger.MANUAL);
		assertThat(result.error()).contains("SourceException").contains("connection reset");
		// what was read before the failure is written, and reported
		assertThat(this.sink.stored).hasSize(5);
		assertThat(result.counts().collected()).isEqualTo(5);
	}

	@Test
	void dryRunValidatesButWritesNothing() {
		this.collector.returning(List.of(Reading.of("s1", NOW, 20), Reading.of("", NOW, 21)));
		CollectionResult result = runner(10).submit(Trigger.MANUAL, true).result().join();
		assertThat(result.counts()).isEqualTo(new RecordCounts(2, 0, 0, 1));
		assertThat(this.sink.batchSizes).isEmpty();
		assertThat(this.stores.quarantined).isEmpty();
		assertThat(this.stores.checkpoints).isEmpty();
		assertThat(this.stores.started).isEmpty();
	}

	@Test
	void backfillRunsDoNotMoveTheLiveCheckpoint() {
		CollectionRequest request = new CollectionRequest("r-1", Trigger.BACKFILL, NOW.minusSeconds(86400),
				NOW.minusSeconds(3600), java.util.Set.of("s1"), false, false);
		assertThat(runner(10).run(request).succeeded()).isTrue();
		assertThat(this.stores.checkpoints).isEmpty();
		assertThat(this.collector.requests()).containsExactly(request);
	}

	@Test
	void onlyOneCollectionRunsAtATime() throws Exception {
		this.collector.holding();
		CollectionRunner runner = runner(10);
		CollectionLauncher.Submission first = runner.submit(Trigger.MANUAL, false);
		assertThat(this.collector.awaitEntered()).isTrue();
		assertThatExceptionOfType(CollectionInProgressException.class).isThrownBy(() -> runner.run(Trigger.SCHEDULED))
			.satisfies((ex) -> assertThat(ex.getRunningRunId()).isEqualTo(first.runId()));
		assertThat(runner.runningRunId()).isEqualTo(first.runId());
		this.collector.release();
		assertThat(first.result().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
		assertThat(runner.runningRunId()).isNull();
		assertThat(runner.run(Trigger.MANUAL).succeeded()).isTrue();
	}

	@Test
	void recordsStreamThroughInBatchesWithoutBeingHeldInMemory() {
		AtomicInteger fetched = new AtomicInteger();
		List<Integer> fetchedAtEachWrite = new java.util.ArrayList<>();
		this.sink = new InMemorySink() {
			@Override
			public synchronized dev.collector.collect.WriteResult<Reading> write(List<Reading> batch) {
				fetchedAtEachWrite.add(fetched.get());
				return super.write(batch);
			}
		};
		this.collector.returning(() -> IntStream.range(0, 1000)
			.peek((i) -> fetched.incrementAndGet())
			.mapToObj((i) -> Reading.of("s1", NOW.plusSeconds(i), 1)));
		CollectionResult result = runner(100).run(Trigger.MANUAL);
		assertThat(result.counts().inserted()).isEqualTo(1000);
		assertThat(fetchedAtEachWrite).hasSize(10);
		// the next batch is read while one is written: at most two batches fetched ahead
		// of the writes
		for (int i = 0; i < 10; i++) {
			assertThat(fetchedAtEachWrite.get(i)).isBetween(100 * (i + 1), Math.min(100 * (i + 2), 1000));
		}
	}

	@Test
	void processorsRunInOrderBeforeValidation() {
		this.processors = List.of((records, request) -> records.map((r) -> Reading.of(r.sensor(), r.takenAt(), 1000)),
				(records, request) -> records.map((r) -> Reading.of(r.sensor(), r.takenAt(), r.celsius() / 100)));
		this.collector.returning(List.of(Reading.of("s1", NOW, 5)));
		CollectionResult result = runner(10).run(Trigger.MANUAL);
		assertThat(result.counts().invalid()).isZero();
		assertThat(this.sink.stored.values()).extracting(Reading::celsius).containsExactly(10.0);
	}

	@Test
	void interruptedRunStopsBetweenBatchesWithoutMovingTheCheckpoint() {
		this.collector.returning(() -> IntStream.range(0, 50).mapToObj((i) -> {
			if (i == 15) {
				Thread.currentThread().interrupt();
			}
			return Reading.of("s1", NOW.plusSeconds(i), 1);
		}));
		CollectionResult result = runner(10).run(Trigger.SCHEDULED);
		Thread.interrupted();
		assertThat(result.succeeded()).isFalse();
		assertThat(result.error()).contains("interrupted");
		assertThat(this.sink.stored).hasSize(10);
		assertThat(this.stores.checkpoints).containsEntry("test", result.request().from());
	}

	@Test
	void endOfAnInterruptedRunIsRecordedAndTheInterruptionKept() {
		// like a connection pool, which refuses to wait for a connection on an
		// interrupted thread
		InMemoryStores history = new InMemoryStores() {
			@Override
			public void finished(String collector, CollectionResult result) {
				if (Thread.currentThread().isInterrupted()) {
					throw new IllegalStateException("Interrupted during connection acquisition");
				}
				super.finished(collector, result);
			}
		};
		this.collector.returning(() -> IntStream.range(0, 50).mapToObj((i) -> {
			if (i == 15) {
				Thread.currentThread().interrupt();
			}
			return Reading.of("s1", NOW.plusSeconds(i), 1);
		}));
		CollectionPipeline<Reading> pipeline = new CollectionPipeline<>("test", this.collector, this.processors,
				new RecordValidator(null), this.sink, history, new ObjectMapper(), this.status, 10);
		CollectionResult result = new CollectionRunner("test", "i-1", pipeline, history, history, this.status,
				(event) -> this.events.add((ApplicationEvent) event), this.clock, this.executor, Duration.ofMinutes(15))
			.run(Trigger.SCHEDULED);
		boolean stillInterrupted = Thread.interrupted();
		assertThat(result.succeeded()).isFalse();
		assertThat(history.finished).singleElement().satisfies((finished) -> {
			assertThat(finished.runId()).isEqualTo(result.runId());
			assertThat(finished.error()).contains("interrupted");
		});
		assertThat(stillInterrupted).as("the interruption is kept for the caller").isTrue();
	}

	@Test
	void runIdIsInTheLoggingContextDuringTheRunOnly() {
		List<String> seen = new java.util.ArrayList<>();
		this.collector.returning(() -> {
			seen.add(org.slf4j.MDC.get(CollectionRunner.MDC_RUN_ID));
			return Stream.of(Reading.of("s1", NOW, 1));
		});
		CollectionResult result = runner(10).run(Trigger.MANUAL);
		assertThat(seen).containsExactly(result.runId());
		assertThat(org.slf4j.MDC.get(CollectionRunner.MDC_RUN_ID)).isNull();
	}

	@Test
	void ingestionTimestampProcessorStampsRecordsWithTheRunClock() {
		IngestionTimestampProcessor processor = new IngestionTimestampProcessor(this.clock);
		List<Object> stamped = processor.process(Stream.of(Reading.of("s1", NOW, 1), "not stampable"), null).toList();
		assertThat(stamped).containsExactly(new Reading("s1", NOW, 1.0, NOW), "not stampable");
	}

}
