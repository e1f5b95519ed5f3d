package dev.collector.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import dev.collector.test.support.PrometheusText;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.LocalHttp;

import static org.assertj.core.api.Assertions.assertThat;

// metrics export is off in Boot tests unless asked for
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoints;DB_CLOSE_DELAY=-1", "collector.name=test",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql" })
class CollectorEndpointsTests {

	private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	ScriptedCollector collector;

	@Autowired
	JdbcTemplate jdbc;

	RestClient http;

	@BeforeEach
	void setUp() {
		this.http = LocalHttp.client(this.port);
		this.jdbc.update("DELETE FROM reading");
		this.collector.returning(List.of());
	}

	@AfterEach
	void release() {
		this.collector.release();
	}

	@Test
	void collectWithWaitAnswersTheResultAndASecondRunCountsDuplicates() {
		this.collector.returning(List.of(Reading.of("s1", T0, 1), Reading.of("s2", T0, 2), Reading.of("", T0, 3)));
		ResponseEntity<Map<String, Object>> first = post("/collect?wait=true");
		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getBody()).containsEntry("status", "succeeded")
			.containsEntry("trigger", "manual")
			.containsEntry("records_collected", 3)
			.containsEntry("records_inserted", 2)
			.containsEntry("records_duplicate", 0)
			.containsEntry("records_invalid", 1)
			.containsKeys("run_id", "duration_seconds");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class)).isEqualTo(2);
		ResponseEntity<Map<String, Object>> second = post("/collect?wait=true");
		assertThat(second.getBody()).containsEntry("records_inserted", 0)
			.containsEntry("records_duplicate", 2)
			.doesNotContainEntry("run_id", first.getBody().get("run_id"));
	}

	@Test
	void collectWithoutWaitAnswers202WithTheRunId() throws InterruptedException {
		ResponseEntity<Map<String, Object>> response = post("/collect");
		assertThat(response.getStatusCode().value()).isEqualTo(202);
		assertThat(response.getBody()).containsEntry("status", "started")
			.containsEntry("trigger", "manual")
			.containsKey("run_id");
		awaitFinished((String) response.getBody().get("run_id"));
	}

	@Test
	void dryRunFetchesAndValidatesButWritesNothing() {
		this.collector.returning(List.of(Reading.of("s1", T0, 1), Reading.of("s1", T0.plusSeconds(1), 999)));
		ResponseEntity<Map<String, Object>> response = post("/collect?wait=true&dry_run=true");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("records_collected", 2)
			.containsEntry("records_inserted", 0)
			.containsEntry("records_invalid", 1)
			.containsEntry("dry_run", true);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class)).isZero();
	}

	@Test
	void secondCollectWhileOneRunsIsAConflictProblem() throws Exception {
		this.collector.holding();
		CompletableFuture<ResponseEntity<Map<String, Object>>> running = CompletableFuture
			.supplyAsync(() -> post("/collect?wait=true"));
		// the runner holds the collector from submission on, so once the source is
		// entered
		// the run is certainly in progress
		assertThat(this.collector.awaitEntered()).isTrue();
		ResponseEntity<Map<String, Object>> conflict = post("/collect");
		assertThat(conflict.getStatusCode().value()).isEqualTo(409);
		assertThat(conflict.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(conflict.getBody()).containsEntry("status", 409).containsKey("running_run_id");
		assertThat((String) conflict.getBody().get("detail")).contains("already in progress");
		this.collector.release();
		assertThat(running.get().getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void badParameterIsABadRequestProblem() {
		ResponseEntity<Map<String, Object>> response = post("/collect?wait=maybe");
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsKey("detail");
	}

	@Test
	void healthAnswersInTheCollectorFormat() {
		post("/collect?wait=true");
		ResponseEntity<Map<String, Object>> health = get("/health");
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).containsEntry("status", "healthy")
			.containsEntry("service", "test")
			.containsEntry("database_connected", true)
			.containsEntry("collection_errors", 0)
			.containsKeys("timestamp", "version", "uptime_seconds", "last_collection", "last_successful_collection");
		assertThat(Instant.parse((String) health.getBody().get("last_successful_collection"))).isBefore(Instant.now());
	}

	@Test
	void readyAndActuatorProbesAreUp() {
		assertThat(get("/ready").getStatusCode().value()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").getBody()).containsEntry("status", "UP");
		assertThat(get("/actuator/health/readiness").getBody()).containsEntry("status", "UP");
		@SuppressWarnings("unchecked")
		Map<String, Object> components = (Map<String, Object>) get("/actuator/health").getBody().get("components");
		assertThat(components).containsKeys("collector", "db");
	}

	@Test
	void metricsExposeTheContractAfterARun() {
		this.collector.returning(List.of(Reading.of("m1", T0, 1), Reading.of("m2", T0, 2), Reading.of("", T0, 3)));
		post("/collect?wait=true");
		post("/collect?wait=true");
		ResponseEntity<String> response = this.http.get().uri("/metrics").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("text/plain");
		PrometheusText metrics = PrometheusText.parse(response.getBody());
		assertThat(metrics.value("collector_collection_requests_total", "collector", "test", "status", "success",
				"trigger", "manual"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.value("collector_records_processed_total", "collector", "test", "operation", "insert"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.value("collector_records_processed_total", "collector", "test", "operation", "duplicate"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.value("collector_records_processed_total", "collector", "test", "operation", "invalid"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.value("collector_database_operations_total", "operation", "insert", "status", "success"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.value("collector_database_operations_total", "operation", "query", "status", "success"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.value("collector_api_requests_total", "endpoint", "source", "status", "success"))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics.matching("collector_backfill_operations_total", "collector", "test")).hasSize(2);
		assertThat(metrics.matching("collector_collection_duration_seconds_bucket", "collector", "test")).isNotEmpty();
		assertThat(metrics.type("collector_collection_duration_seconds")).isEqualTo("histogram");
		assertThat(metrics.value("collector_active_collections", "collector", "test")).isZero();
		assertThat(metrics.value("collector_up", "collector", "test")).isEqualTo(1);
		double lastSuccess = metrics.value("collector_last_success_timestamp_seconds", "collector", "test");
		assertThat(Duration.between(Instant.ofEpochSecond((long) lastSuccess), Instant.now()))
			.isLessThan(Duration.ofMinutes(1));
		Set<String> contractNames = metrics.samples()
			.stream()
			.map(PrometheusText.Sample::name)
			.filter((name) -> name.startsWith("collector_"))
			.collect(Collectors.toSet());
		String actuator = this.http.get().uri("/actuator/prometheus").retrieve().body(String.class);
		Set<String> actuatorNames = PrometheusText.parse(actuator)
			.samples()
			.stream()
			.map(PrometheusText.Sample::name)
			.filter((name) -> name.startsWith("collector_"))
			.collect(Collectors.toSet());
		assertThat(contractNames).isEqualTo(actuatorNames);
	}

	@Test
	void failedRunIsReportedAndMakesCollectorUpZero() {
		this.collector.failing("source down");
		ResponseEntity<Map<String, Object>> response = post("/collect?wait=true");
		assertThat(response.getBody()).containsEntry("status", "failed");
		assertThat((String) response.getBody().get("error")).contains("source down");
		PrometheusText metrics = PrometheusText.parse(this.http.get().uri("/metrics").retrieve().body(String.class));
		assertThat(metrics.value("collector_up", "collector", "test")).isZero();
		assertThat(metrics.value("collector_api_requests_total", "endpoint", "source", "status", "error"))
			.isGreaterThanOrEqualTo(1);
		assertThat(get("/health").getBody()).containsEntry("collection_errors", 1);
		this.collector.returning(List.of());
		post("/collect?wait=true");
	}

	@Test
	void theOnlyCollectorIsListedAndAnswersUnderItsPrefixToo() {
		Map<String, Object> collectors = get("/collectors").getBody();
		assertThat(collectors).containsEntry("default_collector", "test");
		assertThat((List<?>) collectors.get("collectors")).singleElement()
			.satisfies((entry) -> assertThat(entry.toString()).contains("name=test", "default=true",
					"path=/collectors/test"));
		ResponseEntity<Map<String, Object>> collected = post("/collectors/test/collect?wait=true");
		assertThat(collected.getStatusCode().value()).isEqualTo(200);
		assertThat(collected.getBody()).containsEntry("status", "succeeded").containsKey("run_id");
		assertThat(get("/collectors/test/health").getBody()).containsEntry("service", "test");
		assertThat(get("/collectors/test/status").getBody()).containsEntry("service", "test");
		ResponseEntity<Map<String, Object>> unknown = get("/collectors/other/status");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getBody()).containsEntry("collectors", List.of("test"));
		// today's answers, without a collectors member
		assertThat(get("/status").getBody()).doesNotContainKey("collectors");
	}

	private ResponseEntity<Map<String, Object>> post(String uri) {
		return this.http.post().uri(uri).header(HttpHeaders.ACCEPT, "application/json").retrieve().toEntity(JSON);
	}

	private ResponseEntity<Map<String, Object>> get(String uri) {
		return this.http.get().uri(uri).retrieve().toEntity(JSON);
	}

	/**
	 * Wait until the run has ended, so that it does not run into the next test. The run
	 * is not necessarily running yet when the answer comes (the scheduler picks it up),
	 * so its end is looked up in the run history rather than inferred from no run
	 * running.
	 */
	private void awaitFinished(String runId) throws InterruptedException {
		String finished = "SELECT COUNT(*) FROM collector_run WHERE run_id = ? AND finished_at IS NOT NULL";
		for (int i = 0; i < 400 && this.jdbc.queryForObject(finished, Long.class, runId) == 0; i++) {
			Thread.sleep(25);
		}
		assertThat(this.jdbc.queryForObject(finished, Long.class, runId)).as("the run has finished").isOne();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ScriptedCollector scriptedCollector() {
			return new ScriptedCollector();
		}

	}

}
