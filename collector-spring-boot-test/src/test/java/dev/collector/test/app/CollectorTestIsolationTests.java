package dev.collector.test.app;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.MutableClock;
import dev.collector.test.support.UpstreamResponse;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatMetrics;
import static dev.collector.test.CollectorAssertions.assertThatQuarantine;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test method of a {@code @CollectorTest} starts from a clean collector, although
 * the context is shared: the first test leaves rows, a checkpoint, a quarantined record,
 * a moved clock and counted meters behind; the second finds none of it.
 */
@CollectorTest(upstream = "prices.url", properties = "collector.retry.max-attempts=1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectorTestIsolationTests {

	@Autowired
	private CollectorTester tester;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private FakeUpstream upstream;

	@Test
	@Order(1)
	void leavesStateBehind() {
		this.upstream.on("/").respond(UpstreamResponse.json("""
				[{"symbol":"BTC","priced_at":"2025-12-31T23:50:00Z","amount":"97000.5"},
				 {"symbol":"BAD","priced_at":"2025-12-31T23:50:00Z","amount":"-1"}]"""), UpstreamResponse.status(503));
		assertThat(this.tester.advanceAndTriggerSchedule(Duration.ofMinutes(15))).succeeded().hasInserted(1);
		assertThat(this.tester.collect()).failed();

		assertThatTable(this.jdbc, "price").hasRowCount(1);
		assertThatQuarantine(this.jdbc).hasRowCount(1);
	}

	@Test
	@Order(2)
	void findsNoneOfItInTheNextTest() {
		assertThat(this.upstream.requests()).as("the upstream is reset too").isEmpty();
		assertThat(this.tester.clock().instant()).isEqualTo(MutableClock.DEFAULT_START);
		assertThatTable(this.jdbc, "price").hasRowCount(0);
		assertThatQuarantine(this.jdbc).hasRowCount(0);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_checkpoint", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run", Integer.class)).isZero();
		assertThatMetrics(this.registry).counter("collector.records.processed").hasCount(0);
		assertThatMetrics(this.registry).timer("collector.collection.duration").hasCount(0);
		this.upstream.on("/").respond(UpstreamResponse.json("[]"));
		assertThat(this.tester.collect()).succeeded();
		assertThatMetrics(this.registry).timer("collector.collection.duration").hasCount(1);
	}

}
