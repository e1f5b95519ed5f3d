package dev.collector.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.collector.collect.CollectionLauncher.Submission;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.ScriptedCollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code collector.max-concurrent-runs} without a database: each collector runs on its
 * own executor, and the permits the collectors share bound the runs in flight.
 */
class RunPermitsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final List<ExecutorService> executors = new ArrayList<>();

	private final List<ScriptedCollector> collectors = new ArrayList<>();

	@AfterEach
	void stop() {
		this.collectors.forEach(ScriptedCollector::release);
		this.executors.forEach(ExecutorService::shutdownNow);
	}

	@Test
	void theDefaultIsTheNumberOfCollectorsAtMostFour() {
		assertThat(RunPermits.of(null, 1).limit()).isEqualTo(1);
		assertThat(RunPermits.of(null, 3).limit()).isEqualTo(3);
		assertThat(RunPermits.of(null, 9).limit()).isEqualTo(4);
		assertThat(RunPermits.of(7, 2).limit()).isEqualTo(7);
		assertThatIllegalArgumentException().isThrownBy(() -> new RunPermits(0));
	}

	@Test
	void aRefreshedLimitFreesPermitsAtOnceOrTakesThemBackAsRunsEnd() {
		RunPermits permits = new RunPermits(1);
		assertThat(permits.tryAcquire()).isTrue();
		permits.resize(3);
		assertThat(permits.limit()).isEqualTo(3);
		assertThat(permits.available()).isEqualTo(2);
		permits.resize(1);
		// the run in flight keeps its permit: none is free until it ends
		assertThat(permits.tryAcquire()).isFalse();
		permits.release();
		assertThat(permits.available()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> permits.resize(0));
	}

	@Test
	void withOnePermitTheSecondCollectorWaitsUntilTheFirstRunEnds() throws Exception {
		RunPermits permits = new RunPermits(1);
		ScriptedCollector first = collector().holding();
		ScriptedCollector second = collector();
		CollectionRunner a = runner("a", first, permits);
		CollectionRunner b = runner("b", second, permits);
		Submission running = a.submit(Trigger.SCHEDULED, false);
		assertThat(first.awaitEntered()).isTrue();
		Submission waiting = b.submit(Trigger.MANUAL, false);
		// b's run holds its own collector (single flight) and waits for the permit
		await(() -> permits.waiting() == 1);
		assertThat(second.requests()).isEmpty();
		assertThat(waiting.result()).isNotDone();
		first.release();
		assertThat(running.result().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
		assertThat(waiting.result().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
		assertThat(second.requests()).hasSize(1);
		assertThat(permits.available()).isEqualTo(1);
	}

	@Test
	void withTwoPermitsRunsOfTwoCollectorsOverlap() throws Exception {
		RunPermits permits = new RunPermits(2);
		ScriptedCollector first = collector().holding();
		ScriptedCollector second = collector().holding();
		Submission one = runner("a", first, permits).submit(Trigger.SCHEDULED, false);
		Submission two = runner("b", second, permits).submit(Trigger.SCHEDULED, false);
		assertThat(first.awaitEntered()).isTrue();
		assertThat(second.awaitEntered()).isTrue();
		assertThat(permits.available()).isZero();
		first.release();
		second.release();
		assertThat(one.result().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
		assertThat(two.result().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
		assertThat(permits.available()).isEqualTo(2);
	}

	@Test
	void aRunOnTheCallingThreadTakesAPermitToo() throws Exception {
		RunPermits permits = new RunPermits(1);
		ScriptedCollector first = collector().holding();
		Submission running = runner("a", first, permits).submit(Trigger.SCHEDULED, false);
		assertThat(first.awaitEntered()).isTrue();
		ScriptedCollector second = collector();
		CollectionRunner b = runner("b", second, permits);
		ExecutorService caller = Executors.newSingleThreadExecutor();
		this.executors.add(caller);
		// what the local schedule does on the collector's executor
		var scheduled = caller.submit(() -> b.run(Trigger.SCHEDULED));
		await(() -> permits.waiting() == 1);
		assertThat(second.requests()).isEmpty();
		first.release();
		assertThat(scheduled.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
		assertThat(running.result().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
	}

	private ScriptedCollector collector() {
		ScriptedCollector collector = new ScriptedCollector();
		this.collectors.add(collector);
		return collector;
	}

	private CollectionRunner runner(String name, ScriptedCollector collector, RunPermits permits) {
		InMemoryStores stores = new InMemoryStores();
		CollectorStatus status = new CollectorStatus();
		CollectionPipeline<?> pipeline = new CollectionPipeline<>(name, collector, List.of(),
				new RecordValidator(Validation.buildDefaultValidatorFactory().getValidator()), new InMemorySink(),
				stores, new ObjectMapper().findAndRegisterModules(), status, 100);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		this.executors.add(executor);
		CollectionRunner runner = new CollectionRunner(name, "i-1", pipeline, stores, stores, status, (event) -> {
		}, Clock.fixed(NOW, ZoneOffset.UTC), executor, Duration.ofMinutes(15));
		runner.setRunPermits(permits);
		return runner;
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				fail("timed out");
			}
			Thread.sleep(20);
		}
	}

}
