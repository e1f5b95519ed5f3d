package dev.collector.test.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.collector.test.CollectorPerformance;
import dev.collector.test.CollectorPerformance.Report;
import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.UpstreamResponse;

import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector as it is, over HTTP, on N records the fake upstream generates: the shape
 * of an author's benchmark (which would print the report rather than assert on speed).
 */
@CollectorTest
class GeneratedUpstreamBenchmarkTests {

	private static final int RECORDS = 3000;

	private static final FakeUpstream upstream = FakeUpstream.start();

	@Autowired
	private CollectorTester tester;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry registry) {
		upstream.on("/prices")
			.respond(UpstreamResponse.jsonArray(RECORDS,
					(i) -> "{\"symbol\":\"S" + (i % 30) + "\",\"priced_at\":\"2025-06-01T00:00:"
							+ String.format("%02d", i / 30 % 60) + "." + (i / 1800) + "Z\",\"amount\":\"" + (i + 1)
							+ "\"}"));
		registry.add("prices.url", () -> upstream.url("/prices"));
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void measuresTheCollectorOverGeneratedRecords() {
		Report report = CollectorPerformance.measure(this.tester::collect);
		assertThat(report.records()).isEqualTo(RECORDS);
		assertThat(report.allocatedBytes()).isPositive();
		assertThatTable(this.jdbc, "price").hasRowCount(RECORDS);
		assertThat(upstream.requests("/prices")).hasSize(1);
	}

}
