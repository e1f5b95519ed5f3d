package dev.collector.backfill;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.collector.collect.CollectionPipeline;
import dev.collector.collect.CollectionRunner;
import dev.collector.fixtures.DailyCollector;
import dev.collector.observation.BackfillChunkContext;
import dev.collector.observation.CollectionRunContext;
import dev.collector.observation.CollectorObservations;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each chunk of a backfill is a {@code collector.backfill.chunk} observation carrying its
 * task id, the parent of the runs that collect its periods.
 */
class BackfillChunkObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final DailyCollector collector = new DailyCollector("s1");

	private TestSchema schema;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		Replica.stop(this.context, this.schema);
	}

	@Test
	void chunksAreObservedWithTheirTaskAndAreTheParentsOfTheirRuns() throws Exception {
		BackfillService backfill = start();
		String taskId = backfill.start(new BackfillRequest("2024-01-01", "2024-01-06", List.of("s1"), false, false))
			.task()
			.taskId();
		Replica.await("backfill " + taskId, Duration.ofSeconds(30),
				() -> backfill.progress(taskId).task().finalStatus() != null);
		assertThat(backfill.progress(taskId).status()).isEqualTo(BackfillStatus.SUCCEEDED);
		Replica.await("two chunks observed", Duration.ofSeconds(5),
				() -> this.stopped.stream().filter(BackfillChunkContext.class::isInstance).count() == 2);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("collector.backfill.chunk", 2)
			.forAllObservationsWithNameEqualTo("collector.backfill.chunk",
					(chunk) -> chunk.doesNotHaveError()
						.doesNotHaveParentObservation()
						.hasLowCardinalityKeyValue("collector", "readings")
						.hasLowCardinalityKeyValue("outcome", "succeeded")
						.hasHighCardinalityKeyValue("task.id", taskId)
						.hasHighCardinalityKeyValue("symbol", "s1"))
			.forAllObservationsWithNameEqualTo("collector.run",
					(run) -> run.hasLowCardinalityKeyValue("trigger", "backfill")
						.hasLowCardinalityKeyValue("outcome", "succeeded")
						.hasParentObservationContextMatching((parent) -> parent instanceof BackfillChunkContext
								&& taskId.equals(((BackfillChunkContext) parent).getTaskId())));
		assertThat(this.stopped.stream()
			.filter(BackfillChunkContext.class::isInstance)
			.map((chunk) -> ((BackfillChunkContext) chunk).getChunk()))
			.containsExactlyInAnyOrder(taskId + "/0", taskId + "/1");
		assertThat(this.stopped.stream().filter(CollectionRunContext.class::isInstance)).hasSize(2);
	}

	@Test
	void failedChunkIsAnError() throws Exception {
		this.collector.failing(LocalDate.parse("2024-02-02"));
		BackfillService backfill = start();
		String taskId = backfill.start(new BackfillRequest("2024-02-01", "2024-02-03", List.of("s1"), false, false))
			.task()
			.taskId();
		Replica.await("backfill " + taskId, Duration.ofSeconds(30),
				() -> backfill.progress(taskId).task().finalStatus() != null);
		assertThat(backfill.progress(taskId).status()).isEqualTo(BackfillStatus.FAILED);
		TestObservationRegistryAssert.assertThat(this.registry)
			.forAllObservationsWithNameEqualTo("collector.backfill.chunk",
					(chunk) -> chunk.hasLowCardinalityKeyValue("outcome", "failed"))
			.forAllObservationsWithNameEqualTo("collector.run",
					(run) -> run.hasLowCardinalityKeyValue("outcome", "failed"));
	}

	private BackfillService start() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				BackfillChunkObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.schema = Replica.schema(TestDatabase.H2);
		this.context = Replica.start(this.schema.dataSource(), this.collector, "only",
				"collector.backfill.batch-size=3", "collector.backfill.max-retries=0",
				"collector.retry.max-attempts=1");
		CollectorObservations observations = new CollectorObservations(this.registry);
		this.context.getBean(BackfillChunkTask.class).setObservations(observations);
		this.context.getBean(CollectionRunner.class).setObservations(observations);
		this.context.getBean(CollectionPipeline.class).setObservations(observations);
		return this.context.getBean(BackfillService.class);
	}

}
