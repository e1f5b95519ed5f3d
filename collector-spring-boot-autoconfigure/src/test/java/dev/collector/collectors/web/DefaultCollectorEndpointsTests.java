package dev.collector.collectors.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.TwoCollectorsApplication;

import static dev.collector.collectors.web.CollectorsHttp.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors, one of them the default: the paths without a prefix answer for the
 * default as a single collector would, and the aggregates keep its fields at the top.
 */
@SpringBootTest(classes = TwoCollectorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:default-collector-endpoints;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always", TwoCollectorsApplication.SCHEMA,
				"collector.security.api-token=" + CollectorsHttp.TOKEN, "collector.retention.days=0",
				"collector.default-collector=quotes" })
class DefaultCollectorEndpointsTests {

	private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	@LocalServerPort
	int port;

	@Autowired
	ScriptedCollector readings;

	@Autowired
	QuoteCollector quotes;

	CollectorsHttp http;

	@BeforeEach
	void setUp() {
		this.http = new CollectorsHttp(this.port);
		this.readings.returning(List.of());
		this.http.awaitIdle();
	}

	@AfterEach
	void release() {
		this.http.awaitIdle();
	}

	@Test
	void collectorsNamesTheDefault() {
		Map<String, Object> body = this.http.get("/collectors").getBody();
		assertThat(body).containsEntry("default_collector", "quotes");
		assertThat(this.http.get("/collectors/quotes").getBody()).containsEntry("default", true);
		assertThat(this.http.get("/collectors/readings").getBody()).containsEntry("default", false);
	}

	@Test
	void pathsOfOneCollectorAnswerForTheDefaultUnlessAnotherIsNamed() {
		String body = "{\"start_date\": \"" + YESTERDAY.minusDays(1) + "\", \"end_date\": \"" + YESTERDAY
				+ "\", \"dry_run\": true}";
		ResponseEntity<Map<String, Object>> plan = this.http.postJson("/backfill", body);
		assertThat(plan.getStatusCode().value()).isEqualTo(200);
		// two days of the quotes' two symbols
		assertThat(plan.getBody()).containsEntry("missing_periods", 4);
		assertThat(this.http.get("/coverage").getBody())
			.isEqualTo(this.http.get("/collectors/quotes/coverage").getBody());
		assertThat(this.http.get("/coverage?collector=readings").getBody())
			.isEqualTo(this.http.get("/collectors/readings/coverage").getBody());
		assertThat(this.http.get("/circuit-breaker-status").getStatusCode().value()).isEqualTo(200);
		assertThat(this.http.get("/backfill").getBody()).containsKey("tasks");
		assertThat(this.http.get("/backfill/no-such-task").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void aggregatesKeepTheDefaultsFieldsAtTheTopAndAddEveryCollector() {
		Map<String, Object> status = this.http.get("/status").getBody();
		assertThat(status).containsEntry("service", "quotes").containsKeys("last_runs", "schedule", "configuration");
		assertThat(member(status, "collectors", "readings")).containsEntry("service", "readings");
		ResponseEntity<Map<String, Object>> health = this.http.get("/health");
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).containsEntry("service", "quotes")
			.containsEntry("status", "healthy")
			.containsKeys("database_connected", "collection_errors");
		assertThat(member(health.getBody(), "collectors")).containsOnlyKeys("readings", "quotes");
		Map<String, Object> quality = this.http.get("/data-quality").getBody();
		assertThat(quality).containsKeys("total_records", "data_quality_score");
		assertThat(member(quality, "collectors")).containsOnlyKeys("readings", "quotes");
		ResponseEntity<Map<String, Object>> collected = this.http.post("/collect?wait=true");
		assertThat(collected.getStatusCode().value()).isEqualTo(200);
		assertThat(collected.getBody()).containsEntry("status", "succeeded").containsKeys("run_id", "records_inserted");
		assertThat(member(collected.getBody(), "collectors", "readings")).containsEntry("status", "succeeded");
		assertThat(member(collected.getBody(), "collectors", "quotes")).containsEntry("run_id",
				collected.getBody().get("run_id"));
	}

}
