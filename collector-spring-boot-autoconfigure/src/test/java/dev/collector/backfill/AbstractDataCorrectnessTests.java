package dev.collector.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.CoverageLedger.Entry;
import dev.collector.backfill.CoverageLedger.State;
import dev.collector.cluster.ClusterCollection;
import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.DailyCollector;
import dev.collector.fixtures.RunsBesideOtherTests;
import dev.collector.jdbc.CollectorSchemaException;
import dev.collector.jdbc.CollectorSchemaFailureAnalyzer;
import dev.collector.retention.RetentionTask;
import dev.collector.test.support.MutableClock;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The four ways the product's own bookkeeping lied about what is stored (issue "Data
 * correctness"), each replayed end to end on one database: a failed first run's window, a
 * failed period that a later success never cleared, retention deleting what the ledger
 * still called covered, and missing framework tables going unnoticed.
 */
@RunsBesideOtherTests
abstract class AbstractDataCorrectnessTests {

	private static final LocalDate TODAY = LocalDate.parse("2024-06-10");

	private final TestDatabase database;

	private final DailyCollector collector = new DailyCollector("s1", "s2");

	private final MutableClock clock = new MutableClock(at(TODAY, "12:30"));

	private TestSchema schema;

	private JdbcTemplate jdbc;

	private ConfigurableApplicationContext context;

	protected AbstractDataCorrectnessTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void createSchema() {
		this.schema = Replica.schema(this.database);
		this.jdbc = this.schema.jdbcTemplate();
	}

	@AfterEach
	void close() {
		Replica.stop(this.context, this.schema);
	}

	@Test
	void aFailedFirstRunIsFetchedAgainByTheNextRun() throws Exception {
		start("collector.schedule.interval=1h");
		CollectionRunner runner = this.context.getBean(CollectionRunner.class);
		this.collector.failing(TODAY);
		CollectionResult first = runner.run(Trigger.SCHEDULED);
		assertThat(first.status()).isEqualTo(CollectionResult.Status.FAILED);
		assertThat(first.request().from()).isEqualTo(at(TODAY, "11:30"));

		this.collector.healed();
		this.clock.setInstant(at(TODAY, "13:30"));
		// the cluster's collection task (POST /collect) computes its window the same way
		CollectionResult second = viaTheCluster();

		assertThat(second.succeeded()).isTrue();
		assertThat(second.request().from()).isEqualTo(first.request().from());
		// the 12:00 readings were in the failed window only
		assertThat(readingsAt(at(TODAY, "12:00"))).isEqualTo(2);
	}

	@Test
	void aLaterSuccessfulRunOverAFailedPeriodClearsIt() {
		start("collector.schedule.interval=1h");
		CollectionRunner runner = this.context.getBean(CollectionRunner.class);
		// deployed mid-day: the first window does not start at the period's start
		this.context.getBean(CheckpointStore.class).advance("readings", at(TODAY, "11:30"), "origin");
		this.collector.failing(TODAY);
		assertThat(runner.run(Trigger.SCHEDULED).succeeded()).isFalse();
		assertThat(state("s1", TODAY)).isEqualTo(State.FAILED);

		this.collector.healed();
		this.clock.setInstant(at(TODAY, "13:30"));
		assertThat(runner.run(Trigger.SCHEDULED).succeeded()).isTrue();

		// collected from 11:30 on: not the whole day, but nothing failed is left in it
		assertThat(state("s1", TODAY)).isNotEqualTo(State.FAILED);
		assertThat(state("s2", TODAY)).isNotEqualTo(State.FAILED);
	}

	@Test
	void aFailedPartIsRetriedByTheNextRunFromWhereItFailed() throws Exception {
		start("collector.schedule.interval=1h");
		CollectionRunner runner = this.context.getBean(CollectionRunner.class);
		this.context.getBean(CheckpointStore.class).advance("readings", at(TODAY, "00:00"), "origin");
		this.clock.setInstant(at(TODAY, "06:30"));
		this.collector.failingSymbol("s2");
		CollectionResult first = runner.run(Trigger.SCHEDULED);
		assertThat(first.status()).isEqualTo(CollectionResult.Status.PARTIAL);
		assertThat(state("s1", TODAY)).isEqualTo(State.PARTIAL);
		assertThat(state("s2", TODAY)).isEqualTo(State.FAILED);
		assertThat(
				this.context.getBean(CoverageLedger.class).entries("readings", "s2", TODAY, TODAY).get(TODAY).error())
			.contains("symbol s2 unavailable");
		assertThat(readingsAt(at(TODAY, "06:00"))).isOne();

		this.collector.healed();
		this.clock.setInstant(at(TODAY, "12:30"));
		CollectionResult second = viaTheCluster();

		assertThat(second.status()).isEqualTo(CollectionResult.Status.SUCCEEDED);
		assertThat(second.retries()).singleElement().satisfies((retry) -> {
			assertThat(retry.symbols()).containsExactly("s2");
			assertThat(retry.from()).isEqualTo(at(TODAY, "00:00"));
			assertThat(retry.to()).isEqualTo(at(TODAY, "06:30"));
		});
		assertThat(readingsAt(at(TODAY, "00:00"))).isEqualTo(2);
		assertThat(readingsAt(at(TODAY, "06:00"))).isEqualTo(2);
		assertThat(readingsAt(at(TODAY, "12:00"))).isEqualTo(2);
		// the retried span joins the chain: nothing failed is left
		assertThat(state("s2", TODAY)).isEqualTo(State.PARTIAL);
	}

	@Test
	void retentionAndBackfillAgreeWithWhatIsStored() throws Exception {
		start("collector.retention.days=365");
		BackfillService backfill = this.context.getBean(BackfillService.class);
		// the default start is the retention horizon, not
		// collector.backfill.beginning-date
		LocalDate horizon = LocalDate.parse("2023-06-11");
		assertThat(backfill.plan(new BackfillRequest(null, null, List.of("s1"), false, true)).startDate())
			.isEqualTo(horizon);
		assertThatExceptionOfType(BackfillRequestException.class)
			.isThrownBy(() -> backfill.plan(new BackfillRequest("2023-01-01", "2023-06-30", null, false, true)))
			.withMessageContaining("collector.backfill.beginning-date")
			.withMessageContaining("collector.retention.days");

		// a backfill inside the horizon, then time goes by and the purge deletes it
		LocalDate first = horizon.plusDays(2);
		LocalDate last = horizon.plusDays(6);
		BackfillProgress done = awaitEnd(backfill,
				backfill.start(new BackfillRequest(first.toString(), last.toString(), null, false, false))
					.task()
					.taskId());
		assertThat(done.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertCoveredIsStored(first, last);
		this.clock.setInstant(this.clock.instant().plus(Duration.ofDays(5)));
		this.context.getBean(RetentionTask.class).purge(() -> false);

		assertThat(Replica.readings(this.jdbc, "s1", first, first.plusDays(1))).isZero();
		assertCoveredIsStored(first, last);
		assertThat(Replica.readings(this.jdbc, "s1", last, last)).isEqualTo(DailyCollector.PER_DAY);
		assertThat(state("s1", last)).isEqualTo(State.COVERED);
	}

	@Test
	void missingFrameworkTablesFailTheStartWithTheFix() {
		// embedded: the default, which creates nothing on a server database
		String mode = (this.database == TestDatabase.H2) ? "never" : "embedded";
		assertThatThrownBy(() -> start("collector.jdbc.initialize-schema=" + mode)).satisfies((failure) -> {
			CollectorSchemaException missing = findCause(failure, CollectorSchemaException.class);
			assertThat(missing).as("cause of %s", failure).isNotNull();
			assertThat(missing.missingTables()).contains("collector_checkpoint", "collector_run", "collector_coverage",
					"scheduled_tasks");
			var analysis = new CollectorSchemaFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("scheduled_tasks", "collector_checkpoint");
			assertThat(analysis.getAction()).contains("collector.jdbc.initialize-schema=always",
					"schema-" + this.database.platform() + ".sql");
		});
	}

	private CollectionResult viaTheCluster() throws Exception {
		return this.context.getBean(ClusterCollection.class)
			.submit(Trigger.MANUAL, false)
			.result()
			.get(30, java.util.concurrent.TimeUnit.SECONDS);
	}

	private void assertCoveredIsStored(LocalDate first, LocalDate last) {
		CoverageLedger ledger = this.context.getBean(CoverageLedger.class);
		for (String symbol : List.of("s1", "s2")) {
			ledger.entries("readings", symbol, first.minusDays(30), last).forEach((day, entry) -> {
				if (entry.state() == State.COVERED) {
					assertThat(Replica.readings(this.jdbc, symbol, day, day)).as("%s %s is covered", symbol, day)
						.isEqualTo(DailyCollector.PER_DAY);
				}
			});
		}
	}

	private State state(String symbol, LocalDate day) {
		Entry entry = this.context.getBean(CoverageLedger.class).entries("readings", symbol, day, day).get(day);
		return (entry != null) ? entry.state() : null;
	}

	private long readingsAt(Instant at) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM reading WHERE taken_at = ?", Long.class,
				at.atOffset(ZoneOffset.UTC));
	}

	private void start(String... properties) {
		// the rate limit is not under test: at the default 60 a minute each call to the
		// source waited about a second for its permit
		List<String> all = new ArrayList<>(List.of("collector.retention.days=365", "collector.retry.max-attempts=1",
				"collector.rate-limit.requests-per-minute=600000"));
		all.addAll(List.of(properties));
		this.context = Replica.startBesideOtherTests(this.schema.dataSource(), this.collector, this.clock, "only",
				all.toArray(String[]::new));
	}

	private static BackfillProgress awaitEnd(BackfillService backfill, String taskId) throws InterruptedException {
		Replica.await("backfill " + taskId, Duration.ofSeconds(30),
				() -> backfill.progress(taskId).task().finalStatus() != null);
		return backfill.progress(taskId);
	}

	private static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	static Instant at(LocalDate day, String time) {
		return day.atTime(java.time.LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
	}

}
