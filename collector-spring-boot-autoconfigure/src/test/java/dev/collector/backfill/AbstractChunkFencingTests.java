package dev.collector.backfill;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import dev.collector.backfill.BackfillChunk.ChunkStatus;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a chunk's execution is fenced by the execution that started the chunk last:
 * an execution that was presumed dead (its heartbeats stopped: a long pause, a network
 * partition) and whose chunk another replica took over neither undoes nor anticipates the
 * end of the chunk, nor gives back an attempt that is not its own, while the records it
 * did store still count. Against the schema script of each database, the way an earlier
 * version's table is upgraded included.
 */
abstract class AbstractChunkFencingTests {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

	private final TestDatabase database;

	private TestSchema schema;

	private JdbcBackfillStore store;

	protected AbstractChunkFencingTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void createTables() {
		this.schema = this.database.createSchema();
		runSchemaScript();
		this.store = new JdbcBackfillStore(this.schema.jdbcTemplate(), this.schema.transactionTemplate(),
				Clock.systemUTC());
	}

	@AfterEach
	void dropTables() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void theEndOfAnExecutionThatWasTakenOverLeavesTheStateToTheNewOneButCountsItsRecords() {
		String taskId = task();
		String presumedDead = this.store.started(taskId, 0, "replica-a").orElseThrow();
		String takenOver = this.store.started(taskId, 0, "replica-b").orElseThrow();
		this.store.update(taskId, 0, presumedDead, ChunkStatus.SUCCEEDED, 5, null);
		assertThat(chunk(taskId)).satisfies((chunk) -> {
			assertThat(chunk.status()).as("still run by the new execution").isEqualTo(ChunkStatus.RUNNING);
			assertThat(chunk.records()).as("what the old one stored").isEqualTo(5);
			assertThat(chunk.executedBy()).isEqualTo("replica-b");
		});
		this.store.update(taskId, 0, takenOver, ChunkStatus.PENDING, 2, "source down");
		assertThat(chunk(taskId)).satisfies((chunk) -> {
			assertThat(chunk.status()).isEqualTo(ChunkStatus.PENDING);
			assertThat(chunk.records()).isEqualTo(7);
			assertThat(chunk.error()).isEqualTo("source down");
		});
	}

	@Test
	void aFailureOfAnExecutionThatWasTakenOverDoesNotReopenTheChunk() {
		String taskId = task();
		String presumedDead = this.store.started(taskId, 0, "replica-a").orElseThrow();
		String takenOver = this.store.started(taskId, 0, "replica-b").orElseThrow();
		this.store.update(taskId, 0, takenOver, ChunkStatus.SUCCEEDED, 24, null);
		this.store.update(taskId, 0, presumedDead, ChunkStatus.PENDING, 0, "read timed out");
		this.store.update(taskId, 0, presumedDead, ChunkStatus.FAILED, 0, null);
		assertThat(chunk(taskId)).satisfies((chunk) -> {
			assertThat(chunk.status()).isEqualTo(ChunkStatus.SUCCEEDED);
			assertThat(chunk.error()).isNull();
			assertThat(chunk.records()).isEqualTo(24);
		});
	}

	@Test
	void aYieldOfAnExecutionThatWasTakenOverDoesNotGiveBackTheNewOnesAttempt() {
		String taskId = task();
		String presumedDead = this.store.started(taskId, 0, "replica-a").orElseThrow();
		String takenOver = this.store.started(taskId, 0, "replica-b").orElseThrow();
		this.store.yielded(taskId, 0, presumedDead, 3);
		assertThat(chunk(taskId)).satisfies((chunk) -> {
			assertThat(chunk.status()).isEqualTo(ChunkStatus.RUNNING);
			assertThat(chunk.attempts()).isEqualTo(2);
			assertThat(chunk.records()).isEqualTo(3);
		});
		this.store.yielded(taskId, 0, takenOver, 0);
		assertThat(chunk(taskId)).satisfies((chunk) -> {
			assertThat(chunk.status()).isEqualTo(ChunkStatus.PENDING);
			assertThat(chunk.attempts()).isEqualTo(1);
		});
		// the same execution id does not end the chunk twice: the next start is another
		// one
		String next = this.store.started(taskId, 0, "replica-a").orElseThrow();
		this.store.yielded(taskId, 0, takenOver, 0);
		assertThat(chunk(taskId).status()).isEqualTo(ChunkStatus.RUNNING);
		assertThat(next).isNotEqualTo(takenOver).isNotEqualTo(presumedDead);
	}

	@Test
	void aFailureOfAnExecutionThatNeverStartedTheChunkEndsItOnlyWhileNothingRunsIt() {
		String taskId = task();
		String running = this.store.started(taskId, 0, "replica-b").orElseThrow();
		this.store.update(taskId, 0, null, ChunkStatus.FAILED, 0, null);
		assertThat(chunk(taskId).status()).isEqualTo(ChunkStatus.RUNNING);
		this.store.update(taskId, 0, running, ChunkStatus.PENDING, 0, "source down");
		this.store.update(taskId, 0, null, ChunkStatus.FAILED, 0, null);
		assertThat(chunk(taskId).status()).isEqualTo(ChunkStatus.FAILED);
		assertThat(chunk(taskId).error()).isEqualTo("source down");
	}

	@Test
	void aCancelledOrFinishedChunkDoesNotStart() {
		String taskId = task();
		String execution = this.store.started(taskId, 0, "replica-a").orElseThrow();
		this.store.update(taskId, 0, execution, ChunkStatus.SUCCEEDED, 24, null);
		assertThat(this.store.started(taskId, 0, "replica-b")).isEmpty();
		String cancelled = task();
		this.store.cancel(cancelled);
		assertThat(this.store.started(cancelled, 0, "replica-b")).isEmpty();
	}

	@Test
	void aChunkTableOfAnEarlierVersionGainsTheFencingColumnWhenTheScriptRunsAgain() {
		String date = (this.database == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		String text = (this.database == TestDatabase.H2) ? "VARCHAR(10000)" : "TEXT";
		this.schema.jdbcTemplate().execute("DROP TABLE collector_backfill_chunk");
		this.schema.jdbcTemplate()
			.execute("CREATE TABLE collector_backfill_chunk (task_id VARCHAR(36) NOT NULL, chunk_no INT NOT NULL,"
					+ " symbol VARCHAR(100) NOT NULL, periods " + text + " NOT NULL, status VARCHAR(20) NOT NULL,"
					+ " attempts INT NOT NULL, records BIGINT NOT NULL, error VARCHAR(2000),"
					+ " executed_by VARCHAR(100), updated_at " + date + " NOT NULL, PRIMARY KEY (task_id, chunk_no))");
		String before = task();
		runSchemaScript();
		runSchemaScript();
		String execution = this.store.started(before, 0, "replica-a").orElseThrow();
		this.store.update(before, 0, execution, ChunkStatus.SUCCEEDED, 24, null);
		assertThat(chunk(before).status()).isEqualTo(ChunkStatus.SUCCEEDED);
	}

	private void runSchemaScript() {
		new ResourceDatabasePopulator(
				new ClassPathResource("dev/collector/jdbc/schema-" + this.database.platform() + ".sql"))
			.execute(this.schema.dataSource());
	}

	private String task() {
		String taskId = UUID.randomUUID().toString();
		this.store.create(
				new BackfillTask(taskId, "fenced", DAY, DAY, List.of("s1"), false, 1, 24, 1, false, null, Instant.now(),
						null),
				List.of(new BackfillChunk(taskId, 0, "s1", List.of(DAY), ChunkStatus.PENDING, 0, 0, null, null)));
		return taskId;
	}

	private BackfillChunk chunk(String taskId) {
		return this.store.chunk(taskId, 0).orElseThrow();
	}

}
