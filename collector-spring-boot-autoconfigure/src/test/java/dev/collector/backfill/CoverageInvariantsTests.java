package dev.collector.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.CoverageLedger.Entry;
import dev.collector.backfill.CoverageLedger.State;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.DailyCollector;
import dev.collector.test.support.MutableClock;
import dev.collector.retention.RetentionTask;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of live runs that succeed, fail or fail partly, backfills and
 * retention purges over a fake daily source, on one H2 application. After every step:
 * <ol>
 * <li>what the ledger calls covered is stored, all of it;</li>
 * <li>what is stored is accounted for: it lies in a period the ledger has collected
 * (covered, partial or failed, never missing), and a partial period's collected span is
 * stored;</li>
 * <li>after a backfill from a healthy source, every period from the first day (the
 * beginning date or the retention horizon) to yesterday is covered;</li>
 * <li>nothing is stored, and nothing is in the ledger, before the retention horizon.</li>
 * </ol>
 */
class CoverageInvariantsTests {

	private static final List<String> SYMBOLS = List.of("s1", "s2", "s3");

	private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

	private static TestSchema schema;

	private static JdbcTemplate jdbc;

	private static final DailyCollector collector = new DailyCollector("s1", "s2", "s3");

	private static final MutableClock clock = new MutableClock(START);

	private static ConfigurableApplicationContext context;

	@BeforeContainer
	static void start() {
		schema = Replica.schema(TestDatabase.H2);
		jdbc = schema.jdbcTemplate();
		context = Replica.start(schema.dataSource(), collector, clock, "only", "collector.schedule.interval=6h",
				"collector.backfill.beginning-date=2024-02-20", "collector.retention.days=10",
				"collector.backfill.polling-interval=50ms", "collector.backfill.max-retries=0",
				"collector.backfill.retry-initial-delay=50ms", "collector.retry.max-attempts=1",
				"collector.circuit-breaker.failure-threshold=100000",
				// the rate limit is not under test: at the default 60 a minute every run
				// waited about a second for its permits, 90 % of this test's time
				"collector.rate-limit.requests-per-minute=600000", "logging.level.dev.collector=warn");
	}

	@AfterContainer
	static void stop() {
		Replica.stop(context, schema);
	}

	@Property(tries = 60)
	void theLedgerNeverClaimsWhatIsNotStored(@ForAll("steps") List<Step> steps) throws Exception {
		reset();
		for (Step step : steps) {
			step.apply();
			checkInvariants(step);
		}
	}

	@Provide
	Arbitrary<List<Step>> steps() {
		Arbitrary<Step> live = Combinators
			.combine(Arbitraries.integers().between(1, 30), Arbitraries.of(Outcome.class), Arbitraries.of(SYMBOLS))
			.as(LiveRun::new);
		Arbitrary<Step> backfill = Arbitraries.of(true, false).map(Backfill::new);
		Arbitrary<Step> purge = Arbitraries.integers().between(0, 4).map(Purge::new);
		return Arbitraries
			.frequencyOf(net.jqwik.api.Tuple.of(6, live), net.jqwik.api.Tuple.of(2, backfill),
					net.jqwik.api.Tuple.of(2, purge))
			.list()
			.ofMinSize(2)
			.ofMaxSize(10);
	}

	private static void reset() {
		for (String table : List.of("reading", "collector_coverage", "collector_checkpoint", "collector_run",
				"collector_quarantine", "collector_backfill_chunk", "collector_backfill_task")) {
			jdbc.execute("DELETE FROM " + table);
		}
		jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = 'collector-backfill-chunk'");
		collector.healed();
		clock.setInstant(START);
	}

	private static void checkInvariants(Step step) {
		CoverageLedger ledger = context.getBean(CoverageLedger.class);
		BackfillService backfill = context.getBean(BackfillService.class);
		LocalDate firstDay = backfill.firstDay();
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		Map<String, Map<LocalDate, Long>> stored = stored();
		for (String symbol : SYMBOLS) {
			Map<LocalDate, Entry> entries = ledger.entries("readings", symbol, LocalDate.parse("2000-01-01"),
					today.plusDays(1));
			Map<LocalDate, Long> days = stored.getOrDefault(symbol, Map.of());
			// 1. covered => stored, all of it
			entries.forEach((day, entry) -> {
				if (entry.state() == State.COVERED) {
					assertThat(days.getOrDefault(day, 0L)).as("%s: %s %s is covered", step, symbol, day)
						.isEqualTo(DailyCollector.PER_DAY);
				}
				// 4. after a purge, no ledger row before the horizon
				if (step instanceof Purge) {
					assertThat(day).as("%s: %s %s in the ledger before the first day", step, symbol, day)
						.isAfterOrEqualTo(firstDay);
				}
				// 2b. a partial period's span is stored
				if (entry.state() == State.PARTIAL) {
					Instant from = (entry.coveredFrom() != null) ? entry.coveredFrom() : LedgerPeriods.startOfDay(day);
					assertThat(readings(symbol, from, entry.coveredUntil()))
						.as("%s: %s %s partial span [%s, %s) stored", step, symbol, day, from, entry.coveredUntil())
						.isEqualTo(expected(from, entry.coveredUntil()));
				}
			});
			// 2. stored => accounted for, never missing
			days.forEach((day, count) -> {
				assertThat(entries).as("%s: %s %s has %d stored records but no ledger row", step, symbol, day, count)
					.containsKey(day);
				// 4. after a purge, nothing stored before the horizon
				if (step instanceof Purge) {
					assertThat(day).as("%s: %s %s stored before the horizon", step, symbol, day)
						.isAfterOrEqualTo(firstDay);
				}
			});
			// 3. after a backfill from a healthy source, nothing inside the horizon is
			// missing
			if (step instanceof Backfill backfilled && backfilled.healthy) {
				assertThat(ledger.missing("readings", symbol, firstDay, today.minusDays(1)))
					.as("%s: %s missing after a backfill", step, symbol)
					.isEmpty();
			}
		}
	}

	private static Map<String, Map<LocalDate, Long>> stored() {
		Map<String, Map<LocalDate, Long>> stored = new HashMap<>();
		jdbc.query("SELECT sensor, taken_at FROM reading", (rs) -> {
			LocalDate day = rs.getObject(2, OffsetDateTime.class).toLocalDate();
			stored.computeIfAbsent(rs.getString(1), (symbol) -> new HashMap<>()).merge(day, 1L, Long::sum);
		});
		return stored;
	}

	private static long readings(String symbol, Instant from, Instant to) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM reading WHERE sensor = ? AND taken_at >= ? AND taken_at < ?",
				Long.class, symbol, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
	}

	/** The readings the fake source has in a span: one every six hours. */
	private static long expected(Instant from, Instant to) {
		long count = 0;
		for (Instant at = LedgerPeriods.startOfDay(LedgerPeriods.dayOf(from)); at
			.isBefore(to); at = at.plus(Duration.ofHours(6))) {
			if (!at.isBefore(from)) {
				count++;
			}
		}
		return count;
	}

	enum Outcome {

		SUCCEEDS, FAILS, ONE_SYMBOL_FAILS

	}

	interface Step {

		void apply() throws Exception;

	}

	/** Time goes by, then a live run with the given outcome. */
	record LiveRun(int hours, Outcome outcome, String symbol) implements Step {

		@Override
		public void apply() {
			clock.setInstant(clock.instant().plus(Duration.ofHours(this.hours)));
			collector.healed();
			if (this.outcome == Outcome.FAILS) {
				collector.failing(LocalDate.ofInstant(clock.instant().minusSeconds(1), ZoneOffset.UTC));
			}
			else if (this.outcome == Outcome.ONE_SYMBOL_FAILS) {
				collector.failingSymbol(this.symbol);
			}
			context.getBean(CollectionRunner.class).run(Trigger.SCHEDULED);
			collector.healed();
		}

	}

	/** A default backfill (first day to yesterday), from a healthy source or not. */
	record Backfill(boolean healthy) implements Step {

		@Override
		public void apply() throws Exception {
			collector.healed();
			if (!this.healthy) {
				collector.failingSymbol("s2");
			}
			BackfillService service = context.getBean(BackfillService.class);
			String taskId = service.start(new BackfillRequest(null, null, null, false, false)).task().taskId();
			Replica.await("backfill " + taskId, Duration.ofSeconds(60),
					() -> service.progress(taskId).task().finalStatus() != null);
			collector.healed();
		}

	}

	/** Days go by, then the retention purge. */
	record Purge(int days) implements Step {

		@Override
		public void apply() {
			clock.setInstant(clock.instant().plus(Duration.ofDays(this.days)));
			context.getBean(RetentionTask.class).purge(() -> false);
		}

	}

}
