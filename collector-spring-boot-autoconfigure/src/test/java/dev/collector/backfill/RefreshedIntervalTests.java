package dev.collector.backfill;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.cluster.ClusterCollection;
import dev.collector.collect.Trigger;
import dev.collector.config.CollectorProperties;
import dev.collector.fixtures.DailyCollector;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new {@code collector.schedule.interval}, applied by a refresh (what
 * {@code POST /actuator/refresh} does), takes effect from the next run, without a
 * restart.
 */
class RefreshedIntervalTests {

	private TestSchema schema;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		Replica.stop(this.context, this.schema);
	}

	@Test
	void refreshedIntervalAppliesFromTheNextRun() throws Exception {
		this.schema = Replica.schema(TestDatabase.H2);
		JdbcTemplate jdbc = this.schema.jdbcTemplate();
		this.context = Replica.start(this.schema.dataSource(), new DailyCollector("s1"), "only",
				"collector.schedule.enabled=true", "collector.schedule.interval=1h",
				"collector.schedule.initial-delay=0s");
		Replica.await("the first scheduled run", Duration.ofSeconds(20), () -> scheduledRuns(jdbc) == 1);
		Thread.sleep(500);
		assertThat(scheduledRuns(jdbc)).as("the next one is an hour away").isEqualTo(1);

		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("changed", Map.of("collector.schedule.interval", "200ms")));
		// what /actuator/refresh publishes for the keys that changed: the properties are
		// rebound in place
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.of("collector.schedule.interval")));
		assertThat(this.context.getBean(CollectorProperties.class).getSchedule().getInterval()).hasMillis(200);
		// the run already planned keeps its time; a run now ends by planning the next
		// with the new interval
		submitWhenFree(this.context.getBean(ClusterCollection.class)).result().join();

		Replica.await("scheduled runs every 200ms", Duration.ofSeconds(20), () -> scheduledRuns(jdbc) >= 4);
	}

	/**
	 * The first run is in the history before db-scheduler has completed its execution
	 * (and planned the next): on a loaded machine that can take a while.
	 */
	private static dev.collector.collect.CollectionLauncher.Submission submitWhenFree(ClusterCollection collection)
			throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				return collection.submit(Trigger.MANUAL, false);
			}
			catch (dev.collector.collect.CollectionInProgressException ex) {
				if (System.nanoTime() > end) {
					throw ex;
				}
				Thread.sleep(50);
			}
		}
	}

	private static long scheduledRuns(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM collector_run WHERE trigger_type = 'SCHEDULED'", Long.class);
	}

}
