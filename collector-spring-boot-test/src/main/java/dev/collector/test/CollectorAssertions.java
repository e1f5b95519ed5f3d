package dev.collector.test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.test.support.PrometheusText;
import dev.collector.collect.CollectionResult;

/**
 * Entry point of the collector's AssertJ-style assertions; import its methods statically.
 */
public final class CollectorAssertions {

	/** The framework's quarantine table. */
	public static final String QUARANTINE_TABLE = "collector_quarantine";

	private CollectorAssertions() {
	}

	/**
	 * Assertions on the meters of a registry.
	 * @param registry the registry
	 * @return the assertions
	 */
	public static MetricsAssert assertThatMetrics(MeterRegistry registry) {
		return new MetricsAssert(registry);
	}

	/**
	 * Assertions on the result of a collection.
	 * @param result the result
	 * @return the assertions
	 */
	public static CollectionResultAssert assertThat(CollectionResult result) {
		return new CollectionResultAssert(result);
	}

	/**
	 * Assertions on the stored records of a table.
	 * @param jdbc access to the database
	 * @param table the table, e.g. {@code news_item}
	 * @return the assertions
	 */
	public static TableAssert assertThatTable(JdbcTemplate jdbc, String table) {
		return new TableAssert(jdbc, table, "");
	}

	/**
	 * Assertions on the quarantine (every collector's).
	 * @param jdbc access to the database
	 * @return the assertions
	 */
	public static TableAssert assertThatQuarantine(JdbcTemplate jdbc) {
		return new TableAssert(jdbc, QUARANTINE_TABLE, "");
	}

	/**
	 * Assertions on the quarantined records of one run.
	 * @param jdbc access to the database
	 * @param result the run
	 * @return the assertions
	 */
	public static TableAssert assertThatQuarantine(JdbcTemplate jdbc, CollectionResult result) {
		return assertThatQuarantine(jdbc, result.runId());
	}

	/**
	 * Assertions on the quarantined records of one run, by its id (e.g. the
	 * {@code run_id} of a {@code POST /collect} answer).
	 * @param jdbc access to the database
	 * @param runId the run's id
	 * @return the assertions
	 */
	public static TableAssert assertThatQuarantine(JdbcTemplate jdbc, Object runId) {
		return new TableAssert(jdbc, QUARANTINE_TABLE, "run_id = ?", runId);
	}

	/**
	 * Assertions on a Prometheus scrape.
	 * @param text the exposition text
	 * @return the assertions
	 */
	public static PrometheusTextAssert assertThatPrometheus(String text) {
		return new PrometheusTextAssert(PrometheusText.parse(text));
	}

}
