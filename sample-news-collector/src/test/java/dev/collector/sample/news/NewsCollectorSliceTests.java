package dev.collector.sample.news;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectionResult;
import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatMetrics;
import static dev.collector.test.CollectorAssertions.assertThatQuarantine;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector without the web layer: the bundled feeds into an embedded database, on a
 * clock the test moves.
 */
@CollectorTest
class NewsCollectorSliceTests {

	@Autowired
	private CollectorTester tester;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry registry;

	@Test
	void scheduledRunsStampItemsWithTheTestClock() {
		CollectionResult first = this.tester.triggerSchedule();
		assertThat(first).succeeded().hasCollected(37).hasInserted(36).hasInvalid(1);
		Instant firstRun = this.tester.clock().instant();
		assertThat(this.jdbc.queryForList("SELECT DISTINCT ingested_at FROM news_item", Instant.class))
			.containsExactly(firstRun);
		assertThatQuarantine(this.jdbc, first).reasons().singleElement().asString().startsWith("title: ");

		CollectionResult second = this.tester.advanceAndTriggerSchedule(Duration.ofMinutes(15));
		assertThat(second).succeeded().hasInserted(0).hasDuplicates(36);
		assertThat(second.request().from()).isEqualTo(firstRun);
		assertThatTable(this.jdbc, "news_item").hasRowCount(36);
		assertThatMetrics(this.registry).counter("collector.records.processed")
			.withTag("operation", "insert")
			.hasCount(36);
		assertThatMetrics(this.registry).counter("collector.collection.requests")
			.withTag("trigger", "scheduled")
			.withTag("status", "success")
			.hasCount(2);
	}

}
