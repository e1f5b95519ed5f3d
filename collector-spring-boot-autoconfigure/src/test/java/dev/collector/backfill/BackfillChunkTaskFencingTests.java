package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import dev.collector.backfill.BackfillChunk.ChunkStatus;
import dev.collector.backfill.BackfillChunkTask.BackfillChunkFailedException;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionRunner;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Whatever makes a chunk's execution fail once it started the chunk, the failure names
 * the execution, so that running out of retries ends the chunk it started (see
 * {@link AbstractChunkFencingTests} for the store's side).
 */
class BackfillChunkTaskFencingTests {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

	private TestSchema schema;

	private JdbcBackfillStore store;

	private CollectionRunner runner;

	private BackfillChunkTask task;

	@BeforeEach
	void createTask() {
		this.schema = TestDatabase.H2.createSchema();
		new ResourceDatabasePopulator(new ClassPathResource("dev/collector/jdbc/schema-h2.sql"))
			.execute(this.schema.dataSource());
		Clock clock = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);
		this.store = new JdbcBackfillStore(this.schema.jdbcTemplate(), this.schema.transactionTemplate(), clock);
		CoverageLedger ledger = new CoverageLedger(this.schema.jdbcTemplate(),
				new LedgerPeriods(LocalDate.of(2000, 1, 1), Period.ofDays(1)), clock);
		BackfillService service = mock(BackfillService.class);
		given(service.firstDay()).willReturn(LocalDate.of(2000, 1, 1));
		this.runner = mock(CollectionRunner.class);
		this.task = new BackfillChunkTask("fenced", "replica-a", this.runner, ledger, this.store, service,
				() -> new ChunkRetryPolicy(Duration.ofSeconds(1), 2, 3, Duration.ofSeconds(1)), clock, () -> false);
	}

	@AfterEach
	void dropSchema() {
		this.schema.close();
	}

	@Test
	void anUnexpectedFailureAfterTheStartNamesTheExecutionThatStartedTheChunk() {
		String taskId = UUID.randomUUID().toString();
		this.store.create(
				new BackfillTask(taskId, "fenced", DAY, DAY, List.of("s1"), false, 1, 24, 1, false, null,
						Instant.parse("2026-03-31T00:00:00Z"), null),
				List.of(new BackfillChunk(taskId, 0, "s1", List.of(DAY), ChunkStatus.PENDING, 0, 0, null, null)));
		given(this.runner.run(any(CollectionRequest.class)))
			.willThrow(new DataAccessResourceFailureException("connection lost"));
		TaskInstance<Void> instance = BackfillChunkTask.TASK.instance(taskId + "/0").build();
		assertThatExceptionOfType(BackfillChunkFailedException.class).isThrownBy(() -> this.task.execute(instance))
			.satisfies((ex) -> {
				assertThat(ex.executionId()).isNotNull()
					.isEqualTo(this.schema.jdbcTemplate()
						.queryForObject("SELECT execution_id FROM collector_backfill_chunk WHERE task_id = ?",
								String.class, taskId));
				assertThat(ex).hasMessageContaining("connection lost")
					.hasCauseInstanceOf(DataAccessResourceFailureException.class);
			});
		assertThat(this.store.chunk(taskId, 0).orElseThrow().status()).isEqualTo(ChunkStatus.RUNNING);
	}

}
