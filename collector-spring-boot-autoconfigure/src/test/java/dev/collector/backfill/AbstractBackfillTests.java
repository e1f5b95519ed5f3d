package dev.collector.backfill;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.CoverageLedger.State;
import dev.collector.fixtures.DailyCollector;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gap analysis, the coverage ledger and backfill tasks end to end on one database:
 * zero-record periods, partial failures with retries, force and overlapping tasks. Each
 * test works on its own month, so the tests share one application context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractBackfillTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final TestDatabase database;

	private final DailyCollector collector = new DailyCollector("s1", "s2");

	private TestSchema schema;

	private ConfigurableApplicationContext context;

	private BackfillService backfill;

	private CoverageLedger ledger;

	private JdbcTemplate jdbc;

	protected AbstractBackfillTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void start() {
		if (this.context != null) {
			return;
		}
		this.schema = Replica.schema(this.database);
		this.jdbc = this.schema.jdbcTemplate();
		this.context = Replica.start(this.schema.dataSource(), this.collector, "only",
				"collector.backfill.batch-size=3", "collector.backfill.max-retries=1",
				// chunk retries are what these tests watch: no source retries or breaker
				// in between
				"collector.retry.max-attempts=1", "collector.circuit-breaker.failure-threshold=1000",
				// stalled after 2 heartbeats of 500ms without a chunk moving
				"collector.backfill.stalled-after-heartbeats=2",
				// the rate limit is not under test: at the default 60 a minute each chunk
				// waited about a second for its permit
				"collector.rate-limit.requests-per-minute=600000");
		this.backfill = this.context.getBean(BackfillService.class);
		this.ledger = this.context.getBean(CoverageLedger.class);
	}

	@AfterAll
	void stop() {
		Replica.stop(this.context, this.schema);
	}

	@Test
	void backfillCoversEveryPeriodIncludingThoseWithoutRecords() throws Exception {
		LocalDate first = LocalDate.parse("2024-01-01");
		LocalDate last = LocalDate.parse("2024-01-07");
		this.collector.empty(LocalDate.parse("2024-01-03"));
		assertThat(this.ledger.missing("readings", "s1", first, last)).hasSize(7);
		BackfillPlan plan = this.backfill.plan(request(first, last, false, "s1", "s2"));
		assertThat(plan.missingPeriods()).isEqualTo(14);
		assertThat(plan.chunks()).hasSize(6); // 7 days per symbol in chunks of 3

		BackfillProgress done = run(request(first, last, false, "s1", "s2"));

		assertThat(done.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(done.chunksDone()).isEqualTo(6);
		assertThat(done.recordsBackfilled()).isEqualTo(2 * 6 * DailyCollector.PER_DAY);
		assertThat(Replica.readings(this.jdbc, "s1", first, last)).isEqualTo(6 * DailyCollector.PER_DAY);
		// the empty day is covered: it was collected successfully, it just has no data
		assertThat(this.ledger.missing("readings", "s1", first, last)).isEmpty();
		assertThat(this.ledger.missing("readings", "s2", first, last)).isEmpty();
		assertThat(this.backfill.plan(request(first, last, false)).missingPeriods()).isZero();
		// the live checkpoint never moves for a backfill
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_checkpoint", Long.class)).isZero();
	}

	@Test
	void failedChunkIsRetriedThenFailsTheTaskAndOnlyMissingPeriodsAreRedone() throws Exception {
		LocalDate first = LocalDate.parse("2024-02-01");
		LocalDate last = LocalDate.parse("2024-02-06");
		LocalDate down = LocalDate.parse("2024-02-05");
		this.collector.failing(down);
		try {
			BackfillProgress done = run(request(first, last, false, "s1"));
			assertThat(done.status()).isEqualTo(BackfillStatus.FAILED);
			assertThat(done.chunksDone()).isEqualTo(1);
			assertThat(done.chunksFailed()).isEqualTo(1);
			assertThat(done.errors()).singleElement().asString().contains("source down for 2024-02-05");
			// first try plus one retry
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM collector_run WHERE trigger_type = 'BACKFILL'"
							+ " AND status = 'FAILED' AND window_from = ?",
					Long.class, java.sql.Timestamp.from(LedgerPeriods.startOfDay(LocalDate.parse("2024-02-04")))))
				.isEqualTo(2);
		}
		finally {
			this.collector.healed();
		}
		assertThat(this.ledger.missing("readings", "s1", first, last)).containsExactly(LocalDate.parse("2024-02-04"),
				down, LocalDate.parse("2024-02-06"));
		assertThat(this.ledger.entries("readings", "s1", down, down).get(down).state()).isEqualTo(State.FAILED);

		BackfillPlan again = this.backfill.plan(request(first, last, false, "s1"));
		assertThat(again.missingPeriods()).isEqualTo(3);
		BackfillProgress redone = run(request(first, last, false, "s1"));
		assertThat(redone.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(this.ledger.missing("readings", "s1", first, last)).isEmpty();
		assertThat(Replica.readings(this.jdbc, "s1", first, last)).isEqualTo(6 * DailyCollector.PER_DAY);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theLinesOfAChunkNameItAndItsSymbol(CapturedOutput output) throws Exception {
		LocalDate day = LocalDate.parse("2024-06-01");
		BackfillProgress done = run(request(day, day, false, "s2"));
		String chunk = done.task().taskId() + "/0";
		assertThat(output).contains("Backfill chunk " + chunk + " of symbol s2 started: 1 of its 1 period(s) to do")
			.contains("Backfill chunk " + chunk + " of symbol s2 done: " + DailyCollector.PER_DAY + " record(s)");
		// the runner's own lines of the chunk's run carry the chunk and the symbol (MDC)
		assertThat(output.getOut().lines().filter((line) -> line.contains("Collection started: trigger=backfill")))
			.anySatisfy((line) -> assertThat(line).contains(chunk).contains("\"symbol\":\"s2\""));
	}

	@Test
	void forceCollectsCoveredPeriodsAgain() throws Exception {
		LocalDate first = LocalDate.parse("2024-03-01");
		LocalDate last = LocalDate.parse("2024-03-02");
		run(request(first, last, false, "s2"));
		int before = this.collector.requests().size();
		assertThat(this.backfill.plan(request(first, last, false, "s2")).missingPeriods()).isZero();
		assertThat(this.backfill.plan(request(first, last, true, "s2")).missingPeriods()).isEqualTo(2);

		BackfillProgress forced = run(request(first, last, true, "s2"));

		assertThat(forced.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(this.collector.requests().size()).isGreaterThan(before);
		assertThat(forced.recordsBackfilled()).isZero(); // all duplicates: stored once
		assertThat(Replica.readings(this.jdbc, "s2", first, last)).isEqualTo(2 * DailyCollector.PER_DAY);
	}

	@Test
	void overlappingTasksStoreEachRecordOnce() throws Exception {
		LocalDate first = LocalDate.parse("2024-04-01");
		BackfillService.Started a = this.backfill.start(request(first, first.plusDays(5), false));
		BackfillService.Started b = this.backfill.start(request(first.plusDays(3), first.plusDays(8), false));
		BackfillProgress doneA = awaitEnd(a.task().taskId());
		BackfillProgress doneB = awaitEnd(b.task().taskId());
		assertThat(doneA.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(doneB.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		for (String symbol : List.of("s1", "s2")) {
			assertThat(Replica.readings(this.jdbc, symbol, first, first.plusDays(8)))
				.isEqualTo(9 * DailyCollector.PER_DAY);
			assertThat(this.ledger.missing("readings", symbol, first, first.plusDays(8))).isEmpty();
		}
		assertThat(doneA.recordsBackfilled() + doneB.recordsBackfilled()).isEqualTo(2 * 9 * DailyCollector.PER_DAY);
	}

	@Test
	void aBackfillWhoseRunningChunkStopsMovingShowsAsStalledUntilItMovesAgain() throws Exception {
		LocalDate day = LocalDate.parse("2024-05-01");
		java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		this.collector.beforeEach((reading) -> {
			if (reading.takenAt().equals(LedgerPeriods.startOfDay(day))) {
				inside.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		io.micrometer.core.instrument.Gauge gauge = this.context
			.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.get("collector.backfill.stalled.tasks")
			.gauge();
		try {
			String taskId = this.backfill.start(request(day, day, false, "s1")).task().taskId();
			assertThat(inside.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			Replica.await("the task to count as stalled", TIMEOUT, () -> this.backfill.progress(taskId).stalled());
			BackfillProgress stalled = this.backfill.progress(taskId);
			assertThat(stalled.status()).isEqualTo(BackfillStatus.RUNNING);
			assertThat(stalled.lastProgressAt()).isNotNull();
			assertThat(gauge.value()).isEqualTo(1.0);
			release.countDown();
			BackfillProgress done = awaitEnd(taskId);
			assertThat(done.status()).isEqualTo(BackfillStatus.SUCCEEDED);
			assertThat(done.stalled()).isFalse();
			assertThat(gauge.value()).isZero();
		}
		finally {
			release.countDown();
			this.collector.beforeEach((reading) -> {
			});
		}
	}

	@Test
	void liveRunsCoverAPeriodOnlyWhenTheirWindowsChainOverIt() {
		LocalDate day = LocalDate.parse("2024-05-10");
		java.time.Instant start = LedgerPeriods.startOfDay(day);
		List<String> symbols = List.of("s1");
		// a first live run that starts mid-day does not cover the day
		this.ledger.recordLiveRun("readings", symbols, start.plusSeconds(3600), start.plusSeconds(7200), "r1", true);
		assertThat(this.ledger.missing("readings", "s1", day, day)).containsExactly(day);
		// windows from midnight: partial, failed (progress kept), then the rest of the
		// day
		this.ledger.recordLiveRun("readings", symbols, start.minusSeconds(600), start.plusSeconds(36000), "r2", true);
		assertThat(this.ledger.entries("readings", "s1", day, day).get(day).state()).isEqualTo(State.PARTIAL);
		this.ledger.recordLiveRun("readings", symbols, start.plusSeconds(36000), start.plusSeconds(40000), "r3", false);
		assertThat(this.ledger.entries("readings", "s1", day, day).get(day).state()).isEqualTo(State.FAILED);
		this.ledger.recordLiveRun("readings", symbols, start.plusSeconds(36000), start.plusSeconds(90000), "r4", true);
		assertThat(this.ledger.entries("readings", "s1", day, day).get(day).state()).isEqualTo(State.COVERED);
		assertThat(this.ledger.entries("readings", "s1", day.plusDays(1), day.plusDays(1)).get(day.plusDays(1)).state())
			.isEqualTo(State.PARTIAL);
		// a failure never uncovers a covered period
		this.ledger.recordLiveRun("readings", symbols, start, start.plusSeconds(90000), "r5", false);
		assertThat(this.ledger.entries("readings", "s1", day, day).get(day).state()).isEqualTo(State.COVERED);
		assertThat(this.ledger.newestCoveredEnd("readings")).isPresent();
	}

	private BackfillProgress run(BackfillRequest request) throws InterruptedException {
		return awaitEnd(this.backfill.start(request).task().taskId());
	}

	private BackfillProgress awaitEnd(String taskId) throws InterruptedException {
		Replica.await("backfill " + taskId, TIMEOUT, () -> this.backfill.progress(taskId).task().finalStatus() != null);
		return this.backfill.progress(taskId);
	}

	private static BackfillRequest request(LocalDate first, LocalDate last, boolean force, String... symbols) {
		return new BackfillRequest(first.toString(), last.toString(), List.of(symbols), force, false);
	}

}
