package dev.collector.backfill;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.collector.fixtures.DailyCollector;
import dev.collector.fixtures.LoggingLeftAlone;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.fail;

/**
 * One replica of a collector application: a Spring Boot context on a shared database,
 * with fast db-scheduler polling and heartbeats.
 */
final class Replica {

	private Replica() {
	}

	static ConfigurableApplicationContext start(DataSource dataSource, DailyCollector collector, String instanceId,
			String... properties) {
		return start(dataSource, collector, null, instanceId, properties);
	}

	/**
	 * Start a replica whose clock the test moves; later properties override earlier ones.
	 */
	static ConfigurableApplicationContext start(DataSource dataSource, DailyCollector collector, java.time.Clock clock,
			String instanceId, String... properties) {
		return start(false, dataSource, collector, clock, instanceId, properties);
	}

	/**
	 * Start a replica for a test that runs beside other tests: it leaves the JVM's
	 * logging alone ({@link LoggingLeftAlone}).
	 */
	static ConfigurableApplicationContext startBesideOtherTests(DataSource dataSource, DailyCollector collector,
			java.time.Clock clock, String instanceId, String... properties) {
		return start(true, dataSource, collector, clock, instanceId, properties);
	}

	private static ConfigurableApplicationContext start(boolean besideOtherTests, DataSource dataSource,
			DailyCollector collector, java.time.Clock clock, String instanceId, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "collector.name=readings",
				"collector.instance-id=" + instanceId, "collector.jdbc.initialize-schema=always",
				"collector.schedule.enabled=false", "collector.backfill.polling-interval=100ms",
				// a loaded CI machine delays heartbeats: only the crash test declares
				// replicas dead quickly
				"collector.backfill.heartbeat-interval=500ms", "collector.backfill.missed-heartbeats-limit=10",
				"collector.backfill.retry-initial-delay=100ms", "collector.backfill.yield-delay=100ms",
				"collector.shutdown-timeout=2s", "logging.level.com.github.kagkarlsson=warn",
				// the tests backfill fixed dates of the past: no retention horizon
				"collector.retention.days=0"));
		all.addAll(List.of(properties));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE);
		return (besideOtherTests ? LoggingLeftAlone.apply(builder) : builder).properties(all.toArray(String[]::new))
			.initializers((context) -> {
				GenericApplicationContext generic = (GenericApplicationContext) context;
				// not closed with the context: replicas share the test's pool
				generic.registerBean("dataSource", DataSource.class, () -> new DelegatingDataSource(dataSource));
				generic.registerBean("collector", DailyCollector.class, () -> collector);
				if (clock != null) {
					generic.registerBean("testClock", java.time.Clock.class, () -> clock);
				}
			})
			.run();
	}

	/**
	 * A new schema of the database with the table the replicas' collector writes to.
	 */
	static TestSchema schema(TestDatabase database) {
		TestSchema schema = database.createSchema();
		schema.jdbcTemplate().execute(readingTable(database));
		return schema;
	}

	/**
	 * Close a replica, then its schema; either may be {@code null} (a test that failed
	 * before it started them).
	 */
	static void stop(ConfigurableApplicationContext context, TestSchema schema) {
		if (context != null) {
			context.close();
		}
		if (schema != null) {
			schema.close();
		}
	}

	private static String readingTable(TestDatabase database) {
		String timestamp = (database == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		return "CREATE TABLE reading (sensor VARCHAR(50) NOT NULL, taken_at " + timestamp
				+ " NOT NULL, celsius DOUBLE PRECISION, ingested_at " + timestamp + ", PRIMARY KEY (sensor, taken_at))";
	}

	static long readings(JdbcTemplate jdbc, String sensor, LocalDate first, LocalDate last) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM reading WHERE sensor = ? AND taken_at >= ? AND taken_at < ?",
				Long.class, sensor, java.time.OffsetDateTime.of(first.atStartOfDay(), java.time.ZoneOffset.UTC),
				java.time.OffsetDateTime.of(last.plusDays(1).atStartOfDay(), java.time.ZoneOffset.UTC));
	}

	static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				fail("Timed out after " + timeout + " waiting for " + what);
			}
			Thread.sleep(50);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
