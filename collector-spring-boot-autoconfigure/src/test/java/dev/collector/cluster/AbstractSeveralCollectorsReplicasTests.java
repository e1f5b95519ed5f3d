package dev.collector.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.collector.fixtures.LoggingLeftAlone;
import dev.collector.fixtures.RunsBesideOtherTests;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.TwoCollectorsApplication;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two replicas (application contexts) of an application with two collectors on one
 * database, {@code readings} every 2 s and {@code quotes} every 5 s: each collector runs
 * once per its own interval over the cluster (never twice, none missed, never two runs of
 * one collector at once), and when {@code quotes} fails, {@code readings} runs on as
 * before and both replicas stay ready.
 */
@RunsBesideOtherTests
abstract class AbstractSeveralCollectorsReplicasTests {

	private static final Duration READINGS = Duration.ofSeconds(2);

	private static final Duration QUOTES = Duration.ofSeconds(5);

	/**
	 * How much later than its interval after the end of the previous run a run may start:
	 * a replica must poll (100 ms) and pick it, on a loaded CI machine.
	 */
	private static final Duration LATE = Duration.ofMillis(1500);

	/** How much earlier: the database's and the JVM's clocks round differently. */
	private static final Duration EARLY = Duration.ofMillis(50);

	private static final Duration WINDOW = Duration.ofSeconds(21);

	private final TestDatabase database;

	private TestSchema schema;

	private JdbcTemplate jdbc;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	protected AbstractSeveralCollectorsReplicasTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void start() {
		this.schema = this.database.createSchema();
		this.jdbc = this.schema.jdbcTemplate();
		String timestamp = (this.database == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		this.jdbc.execute("CREATE TABLE reading (sensor VARCHAR(50) NOT NULL, taken_at " + timestamp
				+ " NOT NULL, celsius DOUBLE PRECISION, ingested_at " + timestamp
				+ ", PRIMARY KEY (sensor, taken_at))");
		this.jdbc.execute("CREATE TABLE quote (symbol VARCHAR(20) NOT NULL, priced_on DATE NOT NULL,"
				+ " price DECIMAL(20, 6) NOT NULL, PRIMARY KEY (symbol, priced_on))");
	}

	@AfterEach
	void stop() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void eachCollectorRunsOncePerItsIntervalAndAFailingOneLeavesTheOtherAndReadinessAlone() throws Exception {
		for (String id : List.of("replica-a", "replica-b")) {
			this.replicas.add(replica(this.schema.dataSource(), id));
		}
		await("a run of each collector", () -> runs("readings", null).size() >= 2 && runs("quotes", null).size() >= 2);

		// 1. both succeed: each on its own interval, over both replicas
		Instant from = Instant.now();
		Thread.sleep(WINDOW.toMillis());
		Instant to = Instant.now();
		List<Run> readings = runs("readings", null);
		List<Run> quotes = runs("quotes", null);
		assertOncePerInterval("readings", readings, READINGS, from, to);
		assertOncePerInterval("quotes", quotes, QUOTES, from, to);
		assertThat(ended(readings)).as("runs of readings").allMatch((run) -> run.status().equals("SUCCEEDED"));
		assertThat(ended(quotes)).as("runs of quotes").allMatch((run) -> run.status().equals("SUCCEEDED"));
		assertThat(instances(readings, from, to)).as("replicas that ran readings").isNotEmpty();

		// 2. quotes fails on every replica: readings runs on as before
		this.replicas.forEach((replica) -> replica.getBean(QuoteCollector.class).fail("the quote service is down"));
		Instant failing = Instant.now();
		await("a failed run of quotes", () -> runs("quotes", "FAILED").stream().anyMatch((run) -> run.after(failing)));
		Instant since = Instant.now();
		Thread.sleep(WINDOW.toMillis());
		Instant until = Instant.now();
		assertOncePerInterval("readings while quotes fails", runs("readings", null), READINGS, since, until);
		assertThat(runs("readings", "FAILED")).as("failed runs of readings").isEmpty();
		assertOncePerInterval("quotes while failing", runs("quotes", null), QUOTES, since, until);
		assertThat(ended(runs("quotes", null)).stream().filter((run) -> run.after(since)))
			.as("runs of quotes while it fails")
			.isNotEmpty()
			.allMatch((run) -> run.status().equals("FAILED"));
		for (ConfigurableApplicationContext replica : this.replicas) {
			assertThat(replica.getBean(ApplicationAvailability.class).getReadinessState()).as("readiness")
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	/**
	 * Over a window, a collector's scheduled runs came once per interval: the schedule is
	 * a fixed delay, so each run started at least the interval after the previous one
	 * ended (none ran twice, none overlapped) and at most the interval plus {@link #LATE}
	 * (none was missed), and the last one ended no longer than that before the window's
	 * end.
	 */
	private static void assertOncePerInterval(String what, List<Run> all, Duration interval, Instant from, Instant to) {
		List<Run> runs = all.stream()
			.filter((run) -> run.after(from.minus(interval).minus(LATE)) && run.startedAt().isBefore(to))
			.toList();
		assertThat(runs).as("runs of %s", what).hasSizeGreaterThanOrEqualTo(2);
		for (int i = 1; i < runs.size(); i++) {
			Run previous = runs.get(i - 1);
			Run run = runs.get(i);
			assertThat(previous.finishedAt()).as("%s: run %d ended before run %d started", what, i - 1, i)
				.isNotNull()
				.isBeforeOrEqualTo(run.startedAt());
			Duration gap = Duration.between(previous.finishedAt(), run.startedAt());
			assertThat(gap).as("%s: from the end of run %d to the start of run %d", what, i - 1, i)
				.isGreaterThanOrEqualTo(interval.minus(EARLY))
				.isLessThanOrEqualTo(interval.plus(LATE));
		}
		Run last = runs.get(runs.size() - 1);
		if (last.finishedAt() != null && last.finishedAt().isBefore(to)) {
			assertThat(Duration.between(last.finishedAt(), to)).as("%s: since the last run ended", what)
				.isLessThanOrEqualTo(interval.plus(LATE));
		}
	}

	private static List<Run> ended(List<Run> runs) {
		return runs.stream().filter((run) -> !run.status().equals("RUNNING")).toList();
	}

	private static List<String> instances(List<Run> runs, Instant from, Instant to) {
		return runs.stream()
			.filter((run) -> run.after(from) && run.startedAt().isBefore(to))
			.map(Run::instanceId)
			.distinct()
			.toList();
	}

	private List<Run> runs(String collector, String status) {
		return this.jdbc.query(
				"SELECT started_at, finished_at, status, instance_id FROM collector_run WHERE collector = ?"
						+ " AND trigger_type = 'SCHEDULED'" + ((status != null) ? " AND status = ?" : "")
						+ " ORDER BY started_at",
				(rs, row) -> new Run(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getString(3),
						rs.getString(4)),
				(status != null) ? new Object[] { collector, status } : new Object[] { collector });
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private ConfigurableApplicationContext replica(DataSource dataSource, String instanceId) {
		return LoggingLeftAlone
			.apply(new SpringApplicationBuilder(TwoCollectorsApplication.class).web(WebApplicationType.NONE))
			.properties("spring.main.banner-mode=off", "collector.instance-id=" + instanceId,
					"collector.jdbc.initialize-schema=always", "collector.schedule.enabled=true",
					"collector.schedule.initial-delay=0s",
					"collector.collectors.readings.schedule.interval=" + READINGS.toSeconds() + "s",
					"collector.collectors.quotes.schedule.interval=" + QUOTES.toSeconds() + "s",
					"collector.backfill.polling-interval=100ms", "collector.backfill.heartbeat-interval=500ms",
					"collector.backfill.missed-heartbeats-limit=10", "collector.shutdown-timeout=2s",
					"collector.retention.days=0", "logging.level.com.github.kagkarlsson=warn")
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("dataSource",
					DataSource.class, () -> new DelegatingDataSource(dataSource)))
			.run();
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				fail("Timed out waiting for " + what);
			}
			Thread.sleep(100);
		}
	}

	/**
	 * A scheduled run as {@code collector_run} holds it.
	 */
	record Run(Instant startedAt, Instant finishedAt, String status, String instanceId) {

		boolean after(Instant moment) {
			return !this.startedAt.isBefore(moment);
		}

	}

}
