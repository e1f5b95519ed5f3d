package dev.collector.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionResult.Status;
import dev.collector.collect.Quarantine.QuarantinedRecord;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.Trigger;
import dev.collector.config.JdbcSchemaProperties;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framework's tables on a real database: the schema scripts, checkpoints, run history
 * and quarantine. Each subclass names one {@link TestDatabase}; each test uses its own
 * collector name, so tests need no cleaning between them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcStoresTests {

	private static final Instant T0 = Instant.parse("2026-01-15T08:00:00.123456Z");

	private final TestDatabase database;

	private final Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);

	private TestSchema schema;

	private int collectors;

	protected AbstractJdbcStoresTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void createSchema() {
		if (this.schema != null) {
			return;
		}
		// here, not in @BeforeAll: an unavailable database then shows as skipped tests
		this.schema = this.database.createSchema();
		if (this.database == TestDatabase.MARIADB) {
			// as on a server whose default is latin1: the scripts name their character
			// set
			this.schema.jdbcTemplate().execute("ALTER DATABASE " + this.schema.name() + " CHARACTER SET latin1");
		}
		assertThat(initializer(null).initializeDatabase()).isTrue();
	}

	@AfterAll
	void dropSchema() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

	private CollectorDataSourceScriptDatabaseInitializer initializer(String platform) {
		JdbcSchemaProperties properties = new JdbcSchemaProperties();
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		properties.setPlatform(platform);
		return new CollectorDataSourceScriptDatabaseInitializer(this.schema.dataSource(), properties);
	}

	private String newCollector() {
		return "collector-" + (++this.collectors);
	}

	@Test
	void schemaScriptsCanRunAgain() {
		assertThat(initializer(null).initializeDatabase()).isTrue();
		String platform = (this.database == TestDatabase.MARIADB) ? "mysql" : this.database.platform();
		assertThat(initializer(platform).initializeDatabase()).isTrue();
		for (String table : List.of("collector_checkpoint", "collector_run", "collector_quarantine")) {
			assertThat(this.schema.jdbcTemplate().queryForObject("SELECT COUNT(*) FROM " + table, Long.class))
				.isNotNull();
		}
	}

	@Test
	void checkpointIsEmptyThenAdvances() {
		JdbcCheckpointStore store = new JdbcCheckpointStore(this.schema.jdbcTemplate(), this.clock);
		String collector = newCollector();
		String other = newCollector();
		assertThat(store.get(collector)).isEmpty();
		store.advance(collector, T0, "run-1");
		assertThat(store.get(collector)).contains(T0);
		store.advance(collector, T0.plus(15, ChronoUnit.MINUTES), "run-2");
		assertThat(store.get(collector)).contains(T0.plus(15, ChronoUnit.MINUTES));
		// the same position and run again: nothing changes, nothing fails
		store.advance(collector, T0.plus(15, ChronoUnit.MINUTES), "run-2");
		assertThat(store.get(collector)).contains(T0.plus(15, ChronoUnit.MINUTES));
		if (this.database.keepsEveryInstant()) {
			// 02:30 in central Europe twice: 00:30Z, then 01:30Z
			store.advance(collector, Instant.parse("2023-10-29T00:30:00Z"), "run-3");
			assertThat(store.get(collector)).contains(Instant.parse("2023-10-29T00:30:00Z"));
			store.advance(collector, Instant.parse("2023-10-29T01:30:00Z"), "run-4");
			assertThat(store.get(collector)).contains(Instant.parse("2023-10-29T01:30:00Z"));
			store.advance(collector, T0.plus(15, ChronoUnit.MINUTES), "run-2");
		}
		assertThat(store.get(other)).isEmpty();
		assertThat(this.schema.jdbcTemplate()
			.queryForObject("SELECT COUNT(*) FROM collector_checkpoint WHERE collector = ?", Long.class, collector))
			.isOne();
		assertThat(this.schema.jdbcTemplate()
			.queryForObject("SELECT run_id FROM collector_checkpoint WHERE collector = ?", String.class, collector))
			.isEqualTo("run-2");
	}

	@Test
	void runHistoryKeepsFinishedRunsNewestFirst() {
		JdbcRunHistory history = new JdbcRunHistory(this.schema.jdbcTemplate());
		String collector = newCollector();
		assertThat(history.recent(collector, 10)).isEmpty();
		assertThat(history.lastSuccessful(collector)).isEmpty();

		CollectionResult succeeded = run(history, collector, "run-1", Trigger.SCHEDULED, 0, Status.SUCCEEDED,
				new RecordCounts(10, 7, 2, 1), null);
		String longError = "é".repeat(2500);
		CollectionResult failed = run(history, collector, "run-2", Trigger.MANUAL, 1, Status.FAILED,
				new RecordCounts(3, 0, 0, 0), longError);
		CollectionRequest running = request("run-3", Trigger.BACKFILL, 2);
		history.started(collector, "instance-1", running, T0.plusSeconds(7200));
		run(history, newCollector(), "run-4", Trigger.MANUAL, 3, Status.SUCCEEDED, RecordCounts.NONE, null);

		List<CollectionResult> recent = history.recent(collector, 10);
		assertThat(recent).extracting(CollectionResult::runId).containsExactly("run-2", "run-1");
		assertThat(recent.get(1)).isEqualTo(succeeded);
		assertThat(recent.get(0).error()).hasSize(2000).startsWith("éé").endsWith("…");
		assertThat(recent.get(0)).usingRecursiveComparison().ignoringFields("error").isEqualTo(failed);
		assertThat(history.recent(collector, 1)).extracting(CollectionResult::runId).containsExactly("run-2");
		assertThat(history.recent(collector, 0)).isEmpty();
		assertThat(history.lastSuccessful(collector)).contains(succeeded);
	}

	@Test
	void quarantineKeepsRecordsPerCollector() {
		JdbcQuarantine quarantine = new JdbcQuarantine(this.schema.jdbcTemplate(), this.clock);
		String collector = newCollector();
		assertThat(quarantine.count(collector)).isZero();
		String payload = "{\"title\":\"Ünïcödé – 日本語 🚀\",\"body\":\"" + "x".repeat(100_000) + "\"}";
		quarantine.add(collector, "run-1", List.of(new QuarantinedRecord(payload, "title: must not be blank"),
				new QuarantinedRecord("{}", "…" + "r".repeat(3000))));
		quarantine.add(collector, "run-2", List.of());
		quarantine.add(newCollector(), "run-3", List.of(new QuarantinedRecord("{}", "other")));
		assertThat(quarantine.count(collector)).isEqualTo(2);
		assertThat(this.schema.jdbcTemplate()
			.queryForList("SELECT payload FROM collector_quarantine WHERE collector = ? ORDER BY id", String.class,
					collector))
			.containsExactly(payload, "{}");
		assertThat(this.schema.jdbcTemplate()
			.queryForList("SELECT reason FROM collector_quarantine WHERE collector = ? ORDER BY id", String.class,
					collector))
			.last()
			.asString()
			.hasSize(2000)
			.startsWith("…r")
			.endsWith("r…");
	}

	private CollectionResult run(JdbcRunHistory history, String collector, String runId, Trigger trigger, int hour,
			Status status, RecordCounts counts, String error) {
		CollectionRequest request = request(runId, trigger, hour);
		Instant startedAt = T0.plusSeconds(3600L * hour);
		history.started(collector, "instance-1", request, startedAt);
		CollectionResult result = new CollectionResult(request, status, startedAt,
				startedAt.plusMillis(1500).plusNanos(1000), counts, error);
		history.finished(collector, result);
		return result;
	}

	private static CollectionRequest request(String runId, Trigger trigger, int hour) {
		Instant from = T0.minus(1, ChronoUnit.DAYS).plusSeconds(3600L * hour);
		return new CollectionRequest(runId, trigger, from, from.plus(15, ChronoUnit.MINUTES), Set.of(), false, false);
	}

}
