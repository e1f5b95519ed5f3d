package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.backfill.BackfillChunk.ChunkStatus;
import dev.collector.cluster.SchedulerJdbcCustomization;
import dev.collector.fixtures.DailyCollector;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which collectors have backfill chunks due and not picked, as the fair sharing of a
 * scheduler between collectors asks: read from db-scheduler's table with its timestamps
 * (UTC), per collector, not counting a chunk whose execution lies ahead (a retry, a chunk
 * that gave way).
 */
abstract class AbstractDueChunksTests {

	private final TestDatabase database;

	private TestSchema schema;

	private ConfigurableApplicationContext context;

	private SchedulerClient client;

	protected AbstractDueChunksTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void start() {
		this.schema = Replica.schema(this.database);
		// creates the tables; its scheduler picks nothing of this test (all ahead of
		// now)
		this.context = Replica.start(this.schema.dataSource(), new DailyCollector("s1"), "only");
		this.client = SchedulerClient.Builder.create(this.schema.dataSource())
			.jdbcCustomization(SchedulerJdbcCustomization.of(this.schema.dataSource()))
			.enablePriority()
			.build();
	}

	@AfterEach
	void stop() {
		Replica.stop(this.context, this.schema);
	}

	@Test
	void aChunkCountsOnceItsExecutionIsDueForItsCollectorOnly() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		// the store's clock two hours ahead: what is one hour ahead is due for it
		JdbcBackfillStore store = new JdbcBackfillStore(this.schema.jdbcTemplate(),
				new TransactionTemplate(new DataSourceTransactionManager(this.schema.dataSource())),
				Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC));
		String first = task(store, "due-a");
		String second = task(store, "due-b");
		assertThat(store.hasDueChunks("due-a")).as("without executions").isFalse();
		TaskInstance<Void> chunk = BackfillChunkTask.TASK.instance(first + "/0").build();
		this.client.scheduleIfNotExists(chunk, now.plus(Duration.ofHours(1)));
		this.client.scheduleIfNotExists(BackfillChunkTask.TASK.instance(second + "/0").build(),
				now.plus(Duration.ofHours(3)));
		assertThat(store.hasDueChunks("due-a")).as("due an hour ago").isTrue();
		assertThat(store.hasDueChunks("due-b")).as("due in an hour").isFalse();
		this.client.reschedule(chunk, now.plus(Duration.ofHours(2)).plusSeconds(5));
		assertThat(store.hasDueChunks("due-a")).as("due in 5 s").isFalse();
		this.client.reschedule(chunk, now.plus(Duration.ofHours(2)).minusSeconds(5));
		assertThat(store.hasDueChunks("due-a")).as("due 5 s ago").isTrue();
		store.cancel(first);
		assertThat(store.hasDueChunks("due-a")).as("cancelled").isFalse();
		this.client.cancel(chunk);
		this.client.cancel(BackfillChunkTask.TASK.instance(second + "/0").build());
	}

	private static String task(JdbcBackfillStore store, String collector) {
		String taskId = UUID.randomUUID().toString();
		LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(10);
		store.create(
				new BackfillTask(taskId, collector, day, day, List.of("s1"), false, 1, 24, 1, false, null,
						Instant.now(), null),
				List.of(new BackfillChunk(taskId, 0, "s1", List.of(day), ChunkStatus.PENDING, 0, 0, null, null)));
		return taskId;
	}

}
