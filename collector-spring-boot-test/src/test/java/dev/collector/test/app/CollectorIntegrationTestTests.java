package dev.collector.test.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.collector.test.CollectorIntegrationTest;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.UpstreamResponse;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatPrometheus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration base: the whole application over real HTTP.
 */
class CollectorIntegrationTestTests extends CollectorIntegrationTest {

	private static final FakeUpstream upstream = FakeUpstream.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		upstream.on("/prices").respond(UpstreamResponse.json("""
				[{"symbol":"BTC","priced_at":"2026-01-01T00:00:00Z","amount":"1"}]"""));
		registry.add("prices.url", () -> upstream.url("/prices"));
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:integration-base;DB_CLOSE_DELAY=-1");
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void collectsOverHttpAndExportsMetrics() {
		var response = collect();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("status", "succeeded").containsEntry("records_inserted", 1);
		assertThatPrometheus(metricsText()).sample("collector_records_processed_total")
			.withLabel("operation", "insert")
			.hasValue(1);
		assertThat(metrics().value("collector_collection_requests_total", "trigger", "manual")).isEqualTo(1);
		assertThat(health()).containsEntry("status", "healthy");
		// the tester runs on the same application: the record is a duplicate now
		assertThat(this.tester.collect()).succeeded().hasDuplicates(1);
	}

}
