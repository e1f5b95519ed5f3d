package dev.collector.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import jakarta.validation.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.observation.CollectionRunContext;
import dev.collector.observation.CollectionRunObservationConvention;
import dev.collector.observation.CollectorObservations;
import dev.collector.observation.DefaultCollectionRunObservationConvention;
import dev.collector.observation.SinkWriteContext;
import dev.collector.observation.SourceContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run is a {@code collector.run} observation, the parent of its
 * {@code collector.source} and of one {@code collector.sink.write} per batch (written on
 * the writer thread), with the documented keys, and errors where the run failed.
 */
class CollectionObservationsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ScriptedCollector collector = new ScriptedCollector();

	private final InMemoryStores stores = new InMemoryStores();

	private final CollectorStatus status = new CollectorStatus();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private InMemorySink sink = new InMemorySink();

	/** The contexts of the observations that stopped, in their order. */
	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	CollectionObservationsTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				CollectionObservationsTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	private CollectionRunner runner(CollectorObservations observations) {
		CollectionPipeline<Reading> pipeline = new CollectionPipeline<>("test", this.collector, List.of(),
				new RecordValidator(Validation.buildDefaultValidatorFactory().getValidator()), this.sink, this.stores,
				new ObjectMapper().findAndRegisterModules(), this.status, () -> 2, SourceInvoker.DIRECT, true);
		pipeline.setObservations(observations);
		CollectionRunner runner = new CollectionRunner("test", "i-1", pipeline, this.stores, this.stores, this.status,
				(event) -> {
				}, Clock.fixed(NOW, ZoneOffset.UTC), this.executor, Duration.ofMinutes(15));
		runner.setObservations(observations);
		return runner;
	}

	@Test
	void runIsTheParentOfItsSourceAndOfOneWritePerBatch() {
		this.collector.returning(ScriptedCollector.readings(NOW.minusSeconds(60), 5));
		CollectionResult result = runner(new CollectorObservations(this.registry)).run(Trigger.SCHEDULED);
		assertThat(result.succeeded()).isTrue();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("collector.run", 1)
			.hasNumberOfObservationsWithNameEqualTo("collector.source", 1)
			.hasNumberOfObservationsWithNameEqualTo("collector.sink.write", 3)
			.forAllObservationsWithNameEqualTo("collector.sink.write",
					(observation) -> observation.doesNotHaveError()
						.hasLowCardinalityKeyValue("collector", "test")
						.hasHighCardinalityKeyValue("run.id", result.runId())
						.hasParentObservationContextMatching((parent) -> parent instanceof CollectionRunContext))
			.hasObservationWithNameEqualTo("collector.run")
			.that()
			.hasContextualNameEqualTo("collect test")
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("collector", "test")
			.hasLowCardinalityKeyValue("trigger", "scheduled")
			.hasLowCardinalityKeyValue("outcome", "succeeded")
			.hasHighCardinalityKeyValue("run.id", result.runId())
			.hasHighCardinalityKeyValue("window", NOW.minus(Duration.ofMinutes(15)) + "/" + NOW)
			.doesNotHaveParentObservation();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("collector.source")
			.that()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasHighCardinalityKeyValue("symbols", "all")
			.hasParentObservationContextMatching((parent) -> parent instanceof CollectionRunContext);
		List<SinkWriteContext> writes = this.stopped.stream()
			.filter(SinkWriteContext.class::isInstance)
			.map(SinkWriteContext.class::cast)
			.toList();
		assertThat(writes).extracting(SinkWriteContext::getRecords).containsExactly(2, 2, 1);
		assertThat(writes).extracting(SinkWriteContext::getInserted).containsExactly(2L, 2L, 1L);
		assertThat(writes.get(2).getHighCardinalityKeyValue("inserted").getValue()).isEqualTo("1");
		assertThat(writes.get(2).getHighCardinalityKeyValue("duplicates").getValue()).isEqualTo("0");
	}

	@Test
	void failedSourceIsAnErrorOfTheSourceAndOfTheRun() {
		this.collector.failing("source down");
		CollectionResult result = runner(new CollectorObservations(this.registry)).run(Trigger.MANUAL);
		assertThat(result.succeeded()).isFalse();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("collector.run")
			.that()
			.hasBeenStopped()
			.hasError()
			.hasLowCardinalityKeyValue("trigger", "manual")
			.hasLowCardinalityKeyValue("outcome", "failed");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("collector.source")
			.that()
			.hasBeenStopped()
			.assertThatError()
			.hasMessageContaining("source down");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("collector.sink.write", 0);
	}

	@Test
	void failedWriteIsAnErrorOfTheWriteAndOfTheRunAndTheSourceStillEnds() {
		this.collector.returning(ScriptedCollector.readings(NOW.minusSeconds(60), 5));
		this.sink = new InMemorySink().failingOnBatch(2);
		CollectionResult result = runner(new CollectorObservations(this.registry)).run(Trigger.MANUAL);
		assertThat(result.succeeded()).isFalse();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("collector.run")
			.that()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "failed");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("collector.source")
			.that()
			.hasBeenStopped();
		assertThat(this.stopped.stream()
			.filter(SinkWriteContext.class::isInstance)
			.map((context) -> context.getError() != null)).containsExactly(false, true);
	}

	@Test
	void userConventionReplacesTheDefaultOne() {
		CollectionRunObservationConvention custom = new DefaultCollectionRunObservationConvention() {

			@Override
			public String getName() {
				return "my.run";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(CollectionRunContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "data");
			}

		};
		this.collector.returning(ScriptedCollector.readings(NOW.minusSeconds(60), 1));
		runner(new CollectorObservations(this.registry, custom, null, null, null)).run(Trigger.MANUAL);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("collector.run", 0)
			.hasObservationWithNameEqualTo("my.run")
			.that()
			.hasLowCardinalityKeyValue("team", "data")
			.hasLowCardinalityKeyValue("collector", "test");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("collector.source")
			.that()
			.hasParentObservationContextMatching((parent) -> parent instanceof CollectionRunContext);
	}

	@Test
	void withoutRegistryNothingIsObservedAndNothingIsInScopeDuringTheRun() {
		this.collector.returning(() -> {
			Observation current = this.registry.getCurrentObservation();
			assertThat(current == null || current.isNoop()).isTrue();
			return ScriptedCollector.readings(NOW.minusSeconds(60), 3).stream();
		});
		CollectionResult result = runner(CollectorObservations.NOOP).run(Trigger.MANUAL);
		assertThat(result.succeeded()).isTrue();
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
	}

	@Test
	void sourceObservationIsInScopeWhenTheCollectorIsCalled() {
		Observation[] seen = new Observation[1];
		this.collector.returning(() -> {
			seen[0] = this.registry.getCurrentObservation();
			return ScriptedCollector.readings(NOW.minusSeconds(60), 1).stream();
		});
		runner(new CollectorObservations(this.registry)).run(Trigger.MANUAL);
		assertThat(seen[0]).isNotNull();
		assertThat(seen[0].getContext()).isInstanceOf(SourceContext.class);
	}

}
