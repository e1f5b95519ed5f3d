package dev.collector.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.LocalHttp;
import dev.collector.fixtures.LoggingLeftAlone;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.WebhookServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The operations endpoints over real HTTP against a populated H2 database, with an API
 * token, a datasource password and a webhook URL holding a secret: every answer, and the
 * log, must keep those hidden.
 */
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = OperationsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:operations;DB_CLOSE_DELAY=-1",
				"spring.datasource.password=DbPassw0rdX", "collector.name=ops", "collector.schedule.enabled=true",
				"collector.schedule.initial-delay=1h", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql",
				"collector.security.api-token=" + OperationsEndpointsTests.TOKEN,
				"collector.security.max-body-size=8KB", "collector.alerting.max-attempts=2",
				"collector.alerting.retry-delay=1ms", "collector.logs.buffer-size=200" })
// the newest lines of /logs must be this class's: no test runs beside it
@ResourceLock(value = LoggingLeftAlone.LOG_OUTPUT, mode = ResourceAccessMode.READ_WRITE)
class OperationsEndpointsTests {

	static final String TOKEN = "TokenS3cret99";

	static final String DB_PASSWORD = "DbPassw0rdX";

	static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

	static final WebhookServer webhook = WebhookServer.start();

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("collector.alerting.webhook-url", webhook::url);
	}

	@AfterAll
	static void stopWebhook() {
		webhook.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	ScriptedCollector collector;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CollectionRunner runner;

	@Autowired
	CircuitBreakerRegistry breakers;

	RestClient http;

	@BeforeEach
	void setUp() {
		this.http = LocalHttp.client(this.port);
		this.jdbc.update("DELETE FROM reading");
		this.jdbc.update("DELETE FROM collector_run");
		this.jdbc.update("DELETE FROM collector_quarantine");
		this.collector.returning(List.of());
		webhook.reset();
	}

	@Test
	void statusShowsScheduleRunsCheckpointBreakersAndMaskedConfiguration() {
		this.collector.returning(List.of(Reading.of("s1", T0, 1)));
		this.runner.run(Trigger.MANUAL);
		this.breakers.circuitBreaker("source").onError(0, TimeUnit.MILLISECONDS, new IllegalStateException("boom"));
		ResponseEntity<Map<String, Object>> response = get("/status");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		Map<String, Object> status = response.getBody();
		assertThat(status).containsEntry("service", "ops").containsKeys("version", "instance_id", "uptime_seconds");
		assertThat(map(status, "schedule")).containsEntry("enabled", true)
			.containsEntry("interval", "PT15M")
			.containsEntry("interval_seconds", 900);
		assertThat(Instant.parse((String) map(status, "schedule").get("next_run"))).isAfter(Instant.now());
		List<Map<String, Object>> runs = list(status, "last_runs");
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0)).containsEntry("status", "succeeded").containsEntry("records_inserted", 1);
		assertThat(map(status, "checkpoints").get("ops")).isNotNull();
		assertThat(list(status, "circuit_breakers")).filteredOn((breaker) -> "source".equals(breaker.get("name")))
			.singleElement()
			.satisfies((breaker) -> assertThat(breaker).containsEntry("name", "source")
				.containsEntry("state", "CLOSED")
				.containsEntry("failed_calls", 1));
		// the collector's own limiter ("ops") and the one this test registered
		assertThat(list(status, "rate_limiters")).extracting((limiter) -> limiter.get("name"))
			.containsExactlyInAnyOrder("ops", "source");
		assertThat(map(status, "backfill_probe")).containsEntry("tasks", 0);
		// no shared database here: the replica's own budget, not paused
		assertThat(map(status, "rate_budget")).containsEntry("scope", "local")
			.containsEntry("replicas_sharing", 1)
			.containsEntry("paused_until", null)
			.containsKeys("configured_requests_per_minute", "effective_requests_per_minute",
					"share_requests_per_minute");
		Map<String, Object> configuration = map(status, "configuration");
		assertThat(map(configuration, "security")).containsEntry("api-token", "******");
		assertThat((String) map(configuration, "alerting").get("webhook-url")).endsWith("/******");
		assertThat(map(configuration, "schedule")).containsEntry("interval", "PT15M");
		assertNoSecret(this.http.get().uri("/status").retrieve().body(String.class));
	}

	@Test
	void dataQualityFollowsTheFormulaAndListsTheMostFrequentErrors() {
		this.collector.returning(List.of(Reading.of("q1", T0, 1), Reading.of("q2", T0, 2), Reading.of("", T0, 3)));
		this.runner.run(Trigger.MANUAL);
		this.runner.run(Trigger.MANUAL);
		Map<String, Object> report = get("/data-quality").getBody();
		// 6 fetched, 2 invalid (blank sensor), 2 stored already (second run): fetched
		// again by the product, not duplicates in the data, so they do not lower the
		// data's score; the contract's formula holds with the data's duplicates
		assertThat(report).containsEntry("total_records", 6)
			.containsEntry("valid_records", 4)
			.containsEntry("invalid_records", 2)
			.containsEntry("duplicate_records", 0)
			.containsEntry("refetched_records", 2)
			.doesNotContainKey("repeated_records")
			.containsEntry("data_quality_score", 66.67)
			.containsEntry("fetch_efficiency_score", 33.33)
			.containsEntry("runs", 2);
		assertThat(list(report, "validation_error_counts")).singleElement()
			.satisfies((error) -> assertThat(error).containsEntry("count", 2));
		assertThat((List<?>) report.get("validation_errors")).singleElement()
			.asString()
			.contains("sensor")
			.contains("blank");
		assertThat(map(report, "window")).containsEntry("total_records", 6).containsEntry("period", "PT24H");
	}

	@Test
	void dataQualityWithoutRecordsScoresHundred() {
		assertThat(get("/data-quality").getBody()).containsEntry("total_records", 0)
			.containsEntry("data_quality_score", 100.0);
	}

	@Test
	void performanceReadsTheCollectorTimers() {
		this.collector.returning(List.of(Reading.of("p1", T0, 1)));
		this.runner.run(Trigger.MANUAL);
		Map<String, Object> performance = get("/performance").getBody();
		assertThat(performance).containsKeys("avg_collection_time", "database_latency", "api_latency",
				"cpu_usage_percent");
		assertThat(((Number) performance.get("collections")).longValue()).isPositive();
		double success = ((Number) performance.get("success_rate")).doubleValue();
		double error = ((Number) performance.get("error_rate")).doubleValue();
		assertThat(success + error).isCloseTo(100.0, offset(0.02));
		assertThat(((Number) performance.get("memory_usage_mb")).doubleValue()).isPositive();
	}

	@Test
	void circuitBreakerStatusListsEveryBreaker() {
		this.breakers.circuitBreaker("other");
		Map<String, Object> body = get("/circuit-breaker-status").getBody();
		assertThat(list(body, "circuit_breakers")).extracting((breaker) -> breaker.get("name"))
			.contains("source", "other");
		assertThat(list(body, "circuit_breakers")).allSatisfy((breaker) -> assertThat(breaker).containsKeys("state",
				"failure_rate", "buffered_calls", "failed_calls", "not_permitted_calls"));
	}

	@Test
	void logsAreBoundedFilteredAndEscaped() {
		org.slf4j.Logger logger = LoggerFactory.getLogger("ops.test");
		logger.error("forged\nERROR line from a caller");
		for (int i = 0; i < 300; i++) {
			logger.info("filler {}", i);
		}
		Map<String, Object> all = get("/logs?limit=1000").getBody();
		assertThat(all).containsEntry("status", 400);
		Map<String, Object> newest = get("/logs?limit=200").getBody();
		assertThat(newest).containsEntry("count", 200).containsEntry("buffer_size", 200);
		assertThat(list(newest, "entries").get(0)).containsEntry("message", "filler 299")
			.containsEntry("level", "INFO")
			.containsEntry("logger", "ops.test");
		assertThat(list(get("/logs?limit=2").getBody(), "entries")).hasSize(2);
		logger.error("forged\nERROR line from a caller");
		List<Map<String, Object>> errors = list(get("/logs?level=error&limit=5").getBody(), "entries");
		assertThat(errors).isNotEmpty().allSatisfy((entry) -> assertThat(entry).containsEntry("level", "ERROR"));
		assertThat(errors.get(0)).containsEntry("message", "forged\\nERROR line from a caller");
		assertThat(list(get("/logs?since=2999-01-01T00:00:00Z").getBody(), "entries")).isEmpty();
		assertThat(list(get("/logs?since=2000-01-01&limit=3").getBody(), "entries")).hasSize(3);
	}

	@Test
	void badLogParametersAreProblems() {
		for (String query : List.of("limit=-1", "limit=0", "limit=abc", "limit=201", "level=loud", "since=yesterday",
				"since=2024-13-45")) {
			ResponseEntity<Map<String, Object>> response = get("/logs?" + query);
			assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).as(query).containsKey("detail");
		}
	}

	@Test
	void validateDataReportsEveryInvalidRecordAndStoresNothing() {
		String records = "[{\"sensor\": \"v1\", \"takenAt\": \"2026-02-01T00:00:00Z\", \"celsius\": 20},"
				+ " {\"sensor\": \"\", \"takenAt\": \"2026-02-01T00:00:00Z\", \"celsius\": 500},"
				+ " {\"sensor\": \"v3\", \"takenAt\": \"not a date\"}, null]";
		ResponseEntity<Map<String, Object>> response = post("/validate-data", records, TOKEN);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("total", 4).containsEntry("valid", 1).containsEntry("invalid", 3);
		List<Map<String, Object>> errors = list(response.getBody(), "errors");
		assertThat(errors).extracting((error) -> error.get("index") + ":" + error.get("field"))
			.containsExactly("1:celsius", "1:sensor", "2:takenAt", "3:null");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_quarantine", Long.class)).isZero();
	}

	@Test
	void badValidateDataBodiesAreProblems() {
		assertProblem(post("/validate-data", "[{\"sensor\": ", TOKEN), 400);
		assertProblem(post("/validate-data", "{\"sensor\": \"x\"}", TOKEN), 400);
		String huge = "[" + "{\"sensor\": \"x\"},".repeat(1000) + "{}]";
		assertProblem(post("/validate-data", huge, TOKEN), 413);
	}

	@Test
	void alertGoesToTheWebhookWithASlackText() throws InterruptedException {
		ResponseEntity<Map<String, Object>> response = post("/alert",
				"{\"severity\": \"warning\", \"message\": \"disk almost full\", \"details\": {\"free_mb\": 12}}",
				TOKEN);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("status", "sent");
		assertThat(webhook.await(1)).singleElement()
			.asString()
			.contains("\"severity\":\"warning\"")
			.contains("\"text\":\"[WARNING] ops: disk almost full\"")
			.contains("\"free_mb\":12");
	}

	@Test
	void failingWebhookIsRetriedThenAnsweredAsBadGateway() {
		webhook.answering(500);
		ResponseEntity<Map<String, Object>> response = post("/alert",
				"{\"severity\": \"critical\", \"message\": \"down\"}", TOKEN);
		assertProblem(response, 502);
		assertThat(webhook.bodies()).hasSize(2);
	}

	@Test
	void badAlertsAreProblemsAndSendNothing() {
		assertProblem(post("/alert", "{\"severity\": \"panic\", \"message\": \"x\"}", TOKEN), 400);
		assertProblem(post("/alert", "{\"severity\": \"info\", \"message\": \" \"}", TOKEN), 400);
		assertProblem(post("/alert", "{\"severity\": ", TOKEN), 400);
		assertThat(webhook.bodies()).isEmpty();
	}

	@Test
	void mutatingEndpointsNeedTheTokenAndRefusedRequestsChangeNothing() {
		long runs = this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run", Long.class);
		ResponseEntity<Map<String, Object>> missing = post("/collect?wait=true", null, null);
		assertProblem(missing, 401);
		assertThat(missing.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertProblem(post("/collect", null, "wrong-" + TOKEN), 403);
		assertProblem(post("/collect/", null, null), 401);
		assertProblem(post("/alert", "{\"severity\": \"info\", \"message\": \"x\"}", null), 401);
		assertProblem(post("/validate-data", "[]", null), 401);
		assertProblem(post("/actuator/refresh", null, null), 401);
		ResponseEntity<Map<String, Object>> delete = this.http.delete()
			.uri("/backfill/00000000-0000-4000-8000-000000000000")
			.retrieve()
			.toEntity(JSON);
		assertProblem(delete, 401);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run", Long.class)).isEqualTo(runs);
		assertThat(webhook.bodies()).isEmpty();
		assertThat(post("/collect?wait=true", null, TOKEN).getStatusCode().value()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run", Long.class)).isEqualTo(runs + 1);
		for (String read : List.of("/status", "/data-quality", "/performance", "/circuit-breaker-status", "/logs",
				"/health", "/actuator/health")) {
			assertThat(get(read).getStatusCode().value()).as(read).isEqualTo(200);
		}
	}

	@Test
	void secretsNeverShowInAnswersOrLogs(CapturedOutput output) {
		this.runner.run(Trigger.MANUAL);
		post("/collect?wait=true", null, "wrong-" + TOKEN);
		post("/alert", "{\"severity\": \"info\", \"message\": \"hello\"}", TOKEN);
		webhook.answering(500);
		post("/alert", "{\"severity\": \"info\", \"message\": \"hello\"}", TOKEN);
		for (String read : List.of("/status", "/logs?limit=200", "/data-quality", "/performance", "/health",
				"/actuator/env", "/actuator/configprops")) {
			assertNoSecret(this.http.get().uri(read).retrieve().body(String.class));
		}
		assertNoSecret(output.getAll());
	}

	@Test
	void statusPageIsServedAtCollector() {
		ResponseEntity<String> redirect = this.http.get().uri("/collector").retrieve().toEntity(String.class);
		assertThat(redirect.getStatusCode().value()).isEqualTo(302);
		assertThat(redirect.getHeaders().getLocation().getPath()).isEqualTo("/collector/");
		ResponseEntity<String> page = this.http.get().uri("/collector/").retrieve().toEntity(String.class);
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getBody()).contains("id=\"dq-score\"")
			.contains("id=\"budget-effective\"")
			.contains("status.js")
			.doesNotContain("http://", "https://");
		assertThat(this.http.get().uri("/collector/status.js").retrieve().body(String.class)).contains("data-quality");
	}

	private static void assertNoSecret(String text) {
		assertThat(text).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD).doesNotContain("HookS3cretQ");
	}

	private static void assertProblem(ResponseEntity<Map<String, Object>> response, int status) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("status", status).containsKey("detail");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> body, String key) {
		return (Map<String, Object>) body.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> body, String key) {
		return (List<Map<String, Object>>) body.get(key);
	}

	private ResponseEntity<Map<String, Object>> get(String uri) {
		return this.http.get().uri(uri).retrieve().toEntity(JSON);
	}

	private ResponseEntity<Map<String, Object>> post(String uri, String body, String token) {
		RestClient.RequestBodySpec request = this.http.post()
			.uri(uri)
			.header(HttpHeaders.ACCEPT, "application/json")
			.contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (body != null) {
			request.body(body);
		}
		return request.retrieve().toEntity(JSON);
	}

}
