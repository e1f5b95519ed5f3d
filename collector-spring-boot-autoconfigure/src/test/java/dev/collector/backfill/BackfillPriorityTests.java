package dev.collector.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.fixtures.DailyCollector;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled collection keeps priority over backfill on one replica: while a long backfill
 * runs, scheduled runs keep happening between its chunks, and a chunk that gives way does
 * not count an attempt.
 */
class BackfillPriorityTests {

	private TestSchema schema;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		Replica.stop(this.context, this.schema);
	}

	@Test
	void scheduledRunsKeepHappeningDuringABackfill() throws Exception {
		this.schema = Replica.schema(TestDatabase.H2);
		JdbcTemplate jdbc = this.schema.jdbcTemplate();
		DailyCollector collector = new DailyCollector("s1").slow(Duration.ofMillis(100));
		this.context = Replica.start(this.schema.dataSource(), collector, "only", "collector.schedule.enabled=true",
				"collector.schedule.interval=100ms", "collector.schedule.initial-delay=0s",
				"collector.backfill.batch-size=1");
		BackfillService backfill = this.context.getBean(BackfillService.class);
		LocalDate first = LocalDate.parse("2024-08-01");
		String taskId = backfill
			.start(new BackfillRequest(first.toString(), first.plusDays(7).toString(), null, false, false))
			.task()
			.taskId();
		Replica.await("the backfill", Duration.ofSeconds(60),
				() -> backfill.progress(taskId).task().finalStatus() != null);

		assertThat(backfill.progress(taskId).status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(jdbc.queryForList("SELECT attempts FROM collector_backfill_chunk", Integer.class)).hasSize(8)
			.containsOnly(1);
		List<Instant> backfillStarts = jdbc
			.queryForList("SELECT started_at FROM collector_run WHERE trigger_type = 'BACKFILL' ORDER BY started_at",
					java.sql.Timestamp.class)
			.stream()
			.map(java.sql.Timestamp::toInstant)
			.toList();
		Long scheduledDuring = jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_run WHERE trigger_type = 'SCHEDULED'"
						+ " AND started_at > ? AND started_at < ?",
				Long.class, java.sql.Timestamp.from(backfillStarts.get(0)),
				java.sql.Timestamp.from(backfillStarts.get(backfillStarts.size() - 1)));
		// 8 chunks of 100ms, a scheduled run due 100ms after the end of the previous one
		assertThat(scheduledDuring).as("scheduled runs between the first and the last chunk").isGreaterThanOrEqualTo(2);
	}

}
