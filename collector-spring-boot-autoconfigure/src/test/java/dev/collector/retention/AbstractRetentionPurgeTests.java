package dev.collector.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.config.JdbcSchemaProperties;
import dev.collector.config.RetentionProperties;
import dev.collector.jdbc.CollectorDataSourceScriptDatabaseInitializer;
import dev.collector.retention.RetentionPurge.RecordTable;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The retention purge on a real database: what is older than its retention goes, in
 * bounded batches, and nothing else: not newer rows, not other collectors' rows, not
 * unfinished backfill tasks, not the coverage ledger. Each subclass names one
 * {@link TestDatabase}; each test uses its own collector and record table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRetentionPurgeTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private final TestDatabase database;

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final List<Map.Entry<String, Long>> batches = new ArrayList<>();

	private TestSchema schema;

	private JdbcTemplate jdbc;

	private int tests;

	private String collector;

	private String readingTable;

	protected AbstractRetentionPurgeTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void prepare() {
		if (this.schema == null) {
			// here, not in @BeforeAll: an unavailable database then shows as skipped
			// tests
			this.schema = this.database.createSchema();
			this.jdbc = this.schema.jdbcTemplate();
			JdbcSchemaProperties properties = new JdbcSchemaProperties();
			properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
			assertThat(new CollectorDataSourceScriptDatabaseInitializer(this.schema.dataSource(), properties)
				.initializeDatabase()).isTrue();
		}
		this.tests++;
		this.collector = "collector-" + this.tests;
		this.readingTable = "reading_" + this.tests;
		String timestamp = (this.database == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		this.jdbc.execute("CREATE TABLE " + this.readingTable + " (sensor VARCHAR(50) NOT NULL, taken_at " + timestamp
				+ " NOT NULL, celsius DOUBLE PRECISION, PRIMARY KEY (sensor, taken_at))");
		this.batches.clear();
	}

	@AfterAll
	void dropSchema() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void deletesWhatIsOlderThanItsRetentionInBoundedBatchesAndNothingElse() {
		readings(7, daysAgo(40));
		readings(3, daysAgo(29));
		run(this.collector, "old-1", daysAgo(100));
		run(this.collector, "old-2", daysAgo(61));
		run(this.collector, "new-1", daysAgo(10));
		run("someone-else", "other-1", daysAgo(100));
		quarantined(this.collector, daysAgo(100));
		quarantined(this.collector, daysAgo(70));
		quarantined(this.collector, daysAgo(5));
		quarantined("someone-else", daysAgo(100));
		backfillTask(this.collector, "old-finished", daysAgo(100), 7);
		backfillTask(this.collector, "new-finished", daysAgo(10), 2);
		backfillTask(this.collector, "old-unfinished", null, 2);
		backfillTask("someone-else", "other-finished", daysAgo(100), 1);
		coverage(this.collector, LocalDate.parse("2020-01-01"));
		RetentionProperties settings = settings(30);
		settings.setRunHistoryDays(60);
		settings.setQuarantineDays(60);
		settings.setBackfillTaskDays(60);
		settings.setBatchSize(3);

		Map<String, Long> deleted = purge(tableWithTimestamp())
			.purge(CollectorRetentionAutoConfiguration.policy(settings), () -> false);

		assertThat(deleted).containsExactly(entry(this.readingTable, 7L), entry("collector_coverage", 1L),
				entry("collector_run", 2L), entry("collector_quarantine", 2L), entry("collector_backfill_task", 1L),
				entry("collector_backfill_chunk", 7L));
		assertThat(this.batches).allSatisfy((batch) -> assertThat(batch.getValue()).isBetween(1L, 3L));
		assertThat(this.batches).filteredOn((batch) -> batch.getKey().equals(this.readingTable))
			.extracting(Map.Entry::getValue)
			.containsExactly(3L, 3L, 1L);
		assertThat(count(this.readingTable, "taken_at < ?", cutoff(30))).isZero();
		assertThat(count(this.readingTable, "1 = 1")).isEqualTo(3);
		assertThat(this.jdbc.queryForList("SELECT run_id FROM collector_run WHERE run_id IN ('old-1', 'old-2', "
				+ "'new-1', 'other-1') ORDER BY run_id", String.class))
			.containsExactly("new-1", "other-1");
		assertThat(count("collector_quarantine", "collector = ?", this.collector)).isOne();
		assertThat(count("collector_quarantine", "collector = ?", "someone-else")).isOne();
		assertThat(this.jdbc.queryForList(
				"SELECT task_id FROM collector_backfill_task WHERE task_id IN "
						+ "('old-finished', 'new-finished', 'old-unfinished', 'other-finished') ORDER BY task_id",
				String.class))
			.containsExactly("new-finished", "old-unfinished", "other-finished");
		assertThat(count("collector_backfill_chunk", "task_id = ?", "old-finished")).isZero();
		assertThat(count("collector_backfill_chunk", "task_id = ?", "new-finished")).isEqualTo(2);
		assertThat(count("collector_backfill_chunk", "task_id = ?", "old-unfinished")).isEqualTo(2);
		assertThat(count("collector_backfill_chunk", "task_id = ?", "other-finished")).isOne();
		// the ledger never claims what is not stored: its rows of the purged periods go
		// too
		assertThat(count("collector_coverage", "collector = ?", this.collector)).isZero();
		// nothing left to do
		assertThat(purge(tableWithTimestamp()).purge(CollectorRetentionAutoConfiguration.policy(settings), () -> false)
			.values()).containsOnly(0L);
	}

	@Test
	void zeroDaysKeepsEverythingNotRetainedOnItsOwn() {
		readings(2, daysAgo(4000));
		run(this.collector, this.collector + "-run", daysAgo(4000));
		quarantined(this.collector, daysAgo(4000));
		backfillTask(this.collector, this.collector + "-task", daysAgo(4000), 1);

		assertThat(
				purge(tableWithTimestamp()).purge(CollectorRetentionAutoConfiguration.policy(settings(0)), () -> false))
			.isEmpty();
		assertThat(count(this.readingTable, "1 = 1")).isEqualTo(2);
		assertThat(count("collector_run", "collector = ?", this.collector)).isOne();

		RetentionProperties runsOnly = settings(0);
		runsOnly.setRunHistoryDays(30);
		assertThat(purge(tableWithTimestamp()).purge(CollectorRetentionAutoConfiguration.policy(runsOnly), () -> false))
			.containsExactly(entry("collector_run", 1L));
		assertThat(count(this.readingTable, "1 = 1")).isEqualTo(2);
		assertThat(count("collector_quarantine", "collector = ?", this.collector)).isOne();
		assertThat(count("collector_backfill_task", "collector = ?", this.collector)).isOne();
	}

	@Test
	void stoppingEndsThePurgeBetweenBatchesAndTheNextPurgeGoesOn() {
		readings(7, daysAgo(40));
		RetentionProperties settings = settings(30);
		settings.setBatchSize(3);
		AtomicInteger asked = new AtomicInteger();

		Map<String, Long> first = purge(tableWithTimestamp())
			.purge(CollectorRetentionAutoConfiguration.policy(settings), () -> asked.incrementAndGet() > 1);

		assertThat(first).containsEntry(this.readingTable, 3L);
		assertThat(count(this.readingTable, "1 = 1")).isEqualTo(4);
		assertThat(purge(tableWithTimestamp()).purge(CollectorRetentionAutoConfiguration.policy(settings), () -> false))
			.containsEntry(this.readingTable, 4L);
		assertThat(count(this.readingTable, "1 = 1")).isZero();
	}

	@Test
	void withoutARecordTableOnlyTheFrameworkTablesArePurged() {
		readings(2, daysAgo(40));
		run(this.collector, this.collector + "-run", daysAgo(40));
		RetentionPurge purge = purge(null);

		assertThat(purge.tables()).doesNotContain(this.readingTable).contains("collector_run");
		assertThat(purge.purge(CollectorRetentionAutoConfiguration.policy(settings(30)), () -> false))
			.doesNotContainKey(this.readingTable)
			.containsEntry("collector_run", 1L);
		assertThat(count(this.readingTable, "1 = 1")).isEqualTo(2);
	}

	private RetentionPurge purge(RecordTable recordTable) {
		return new RetentionPurge(this.collector, recordTable, this.database::platform, this.jdbc,
				this.schema.transactionTemplate(), this.clock,
				(table, rows) -> this.batches.add(Map.entry(table, rows)));
	}

	private RecordTable tableWithTimestamp() {
		return new RecordTable(this.readingTable, "taken_at");
	}

	private static RetentionProperties settings(int days) {
		RetentionProperties settings = new RetentionProperties();
		settings.setDays(days);
		return settings;
	}

	private static Instant daysAgo(int days) {
		return NOW.minus(Duration.ofDays(days));
	}

	private static OffsetDateTime cutoff(int days) {
		return utc(daysAgo(days));
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private void readings(int count, Instant from) {
		for (int i = 0; i < count; i++) {
			this.jdbc.update("INSERT INTO " + this.readingTable + " (sensor, taken_at, celsius) VALUES (?, ?, ?)", "s",
					utc(from.plusSeconds(i)), 20.0);
		}
	}

	private void run(String collector, String runId, Instant startedAt) {
		this.jdbc.update("INSERT INTO collector_run (run_id, collector, instance_id, trigger_type, status, window_from,"
				+ " window_to, started_at, finished_at) VALUES (?, ?, 'i', 'SCHEDULED', 'SUCCEEDED', ?, ?, ?, ?)",
				runId, collector, utc(startedAt), utc(startedAt), utc(startedAt), utc(startedAt.plusSeconds(5)));
	}

	private void quarantined(String collector, Instant createdAt) {
		this.jdbc.update("INSERT INTO collector_quarantine (collector, run_id, reason, payload, created_at)"
				+ " VALUES (?, 'r', 'celsius: must be at most 100', '{}', ?)", collector, utc(createdAt));
	}

	private void backfillTask(String collector, String taskId, Instant finishedAt, int chunks) {
		Instant createdAt = daysAgo(120);
		this.jdbc.update("INSERT INTO collector_backfill_task (task_id, collector, start_date, end_date, symbols,"
				+ " force_all, missing_periods, estimated_records, chunks_total, cancelled, final_status, created_at,"
				+ " finished_at) VALUES (?, ?, ?, ?, 's', ?, 1, 1, ?, ?, ?, ?, ?)", taskId, collector,
				LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31"), false, chunks, false,
				(finishedAt != null) ? "succeeded" : null, utc(createdAt), utc(finishedAt));
		for (int chunk = 0; chunk < chunks; chunk++) {
			this.jdbc.update(
					"INSERT INTO collector_backfill_chunk (task_id, chunk_no, symbol, periods, status,"
							+ " attempts, records, updated_at) VALUES (?, ?, 's', '2024-01-01', 'done', 1, 0, ?)",
					taskId, chunk, utc(createdAt));
		}
	}

	private void coverage(String collector, LocalDate period) {
		this.jdbc.update(
				"INSERT INTO collector_coverage (collector, symbol, period_start, period_end, status,"
						+ " covered_until, run_id, updated_at) VALUES (?, 's', ?, ?, 'covered', ?, 'r', ?)",
				collector, period, period.plusDays(1), utc(daysAgo(2000)), utc(daysAgo(2000)));
	}

	private long count(String table, String condition, Object... arguments) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + condition, Long.class,
				arguments);
		return (count != null) ? count : 0;
	}

}
