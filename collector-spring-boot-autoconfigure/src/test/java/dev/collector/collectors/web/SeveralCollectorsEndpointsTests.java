package dev.collector.collectors.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.TwoCollectorsApplication;

import static dev.collector.collectors.web.CollectorsHttp.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP paths of an application with two collectors and no default one, over real
 * HTTP.
 */
@SpringBootTest(classes = TwoCollectorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:several-endpoints;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always", TwoCollectorsApplication.SCHEMA,
				"collector.security.api-token=" + CollectorsHttp.TOKEN, "collector.retention.days=0",
				// one failed run makes the quotes unhealthy
				"collector.collectors.quotes.health.failure-threshold=1" })
class SeveralCollectorsEndpointsTests {

	private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	@LocalServerPort
	int port;

	@Autowired
	ScriptedCollector readings;

	@Autowired
	QuoteCollector quotes;

	@Autowired
	ApplicationContext context;

	CollectorsHttp http;

	@BeforeEach
	void setUp() {
		this.http = new CollectorsHttp(this.port);
		this.readings.returning(List.of());
		this.quotes.fail(null);
		this.http.awaitIdle();
	}

	@AfterEach
	void release() {
		this.readings.release();
		this.quotes.fail(null);
		this.http.awaitIdle();
	}

	@Test
	void collectorsListsBothWithTheirState() {
		this.http.post("/collectors/quotes/collect?wait=true");
		ResponseEntity<Map<String, Object>> response = this.http.get("/collectors");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("default_collector", null);
		List<Map<String, Object>> collectors = collectors(response.getBody());
		assertThat(collectors).extracting((entry) -> entry.get("name")).containsExactly("readings", "quotes");
		assertThat(collectors.get(1)).containsEntry("default", false)
			.containsEntry("path", "/collectors/quotes")
			.containsEntry("state", "ok")
			.containsEntry("running", false)
			.containsKeys("last_run", "last_successful_collection", "consecutive_failures", "errors");
		assertThat(member(collectors.get(1), "last_run")).containsEntry("status", "succeeded");
		assertThat(this.http.get("/collectors/quotes").getBody()).containsEntry("name", "quotes");
	}

	@Test
	void eachCollectorAnswersUnderItsOwnPrefix() {
		assertThat(this.http.get("/collectors/readings/status").getBody()).containsEntry("service", "readings");
		assertThat(this.http.get("/collectors/quotes/status").getBody()).containsEntry("service", "quotes");
		ResponseEntity<Map<String, Object>> collected = this.http.post("/collectors/quotes/collect?wait=true");
		assertThat(collected.getStatusCode().value()).isEqualTo(200);
		assertThat(collected.getBody()).containsEntry("status", "succeeded").containsKey("run_id");
		Object runId = collected.getBody().get("run_id");
		assertThat(runIds(this.http.get("/collectors/quotes/status").getBody())).contains(runId);
		assertThat(runIds(this.http.get("/collectors/readings/status").getBody())).doesNotContain(runId);
		assertThat(this.http.get("/collectors/quotes/data-quality").getBody()).containsKey("total_records");
		assertThat(this.http.get("/collectors/quotes/coverage").getStatusCode().value()).isEqualTo(200);
		Map<String, Object> breakers = this.http.get("/collectors/readings/circuit-breaker-status").getBody();
		assertThat(breakers).containsKey("circuit_breakers");
		// the registries are shared: a collector shows its own instances only
		assertThat(String.valueOf(breakers.get("circuit_breakers"))).contains("readings").doesNotContain("quotes");
		assertThat(String.valueOf(breakers.get("rate_limiters"))).doesNotContain("quotes");
		assertThat(this.http.get("/collectors/readings/health").getBody()).containsEntry("service", "readings");
		assertThat(this.http.get("/collectors/quotes/backfill").getBody()).containsKey("tasks");
		// the shared endpoints are not repeated per collector
		assertThat(this.http.get("/collectors/quotes/metrics").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void anUnknownCollectorIsA404ProblemNamingTheCollectors() {
		for (String path : List.of("/collectors/nope/status", "/collectors/nope", "/coverage?collector=nope")) {
			ResponseEntity<Map<String, Object>> response = this.http.get(path);
			assertThat(response.getStatusCode().value()).as(path).isEqualTo(404);
			assertThat(response.getHeaders().getContentType()).as(path).hasToString("application/problem+json");
			assertThat(response.getBody()).as(path)
				.containsEntry("title", "Unknown collector")
				.containsEntry("collectors", List.of("readings", "quotes"));
		}
		assertThat(this.http.post("/collect?collector=readings,nope").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void postCollectStartsOneRunOfEachAndAnswersEveryRunId() {
		this.readings.returning(List.of(Reading.of("s1", YESTERDAY.atStartOfDay().toInstant(ZoneOffset.UTC), 1)));
		ResponseEntity<Map<String, Object>> all = this.http.post("/collect?wait=true");
		assertThat(all.getStatusCode().value()).isEqualTo(200);
		assertThat(member(all.getBody(), "collectors", "readings")).containsEntry("status", "succeeded")
			.containsKey("run_id");
		assertThat(member(all.getBody(), "collectors", "quotes")).containsEntry("status", "succeeded")
			.containsKey("run_id");
		ResponseEntity<Map<String, Object>> some = this.http.post("/collect?collector=quotes");
		assertThat(some.getStatusCode().value()).isEqualTo(202);
		assertThat(member(some.getBody(), "collectors")).containsOnlyKeys("quotes");
		assertThat(member(some.getBody(), "collectors", "quotes")).containsEntry("status", "started")
			.containsKey("run_id");
	}

	@Test
	void aRunningCollectorIsAConflictOfItsOwnAnd409OnlyWhenNoneCouldStart() throws Exception {
		this.readings.holding();
		CompletableFuture<ResponseEntity<Map<String, Object>>> held = CompletableFuture
			.supplyAsync(() -> this.http.post("/collectors/readings/collect?wait=true"));
		assertThat(this.readings.awaitEntered()).isTrue();
		ResponseEntity<Map<String, Object>> all = this.http.post("/collect");
		assertThat(all.getStatusCode().value()).isEqualTo(202);
		assertThat(member(all.getBody(), "collectors", "readings")).containsEntry("status", "conflict")
			.containsKey("running_run_id");
		assertThat(member(all.getBody(), "collectors", "quotes")).containsEntry("status", "started");
		ResponseEntity<Map<String, Object>> none = this.http.post("/collect?collector=readings");
		assertThat(none.getStatusCode().value()).isEqualTo(409);
		assertThat(none.getHeaders().getContentType()).hasToString("application/problem+json");
		this.readings.release();
		assertThat(held.get().getBody()).containsEntry("status", "succeeded");
	}

	@Test
	void aPathOfOneCollectorWithoutACollectorIsA400ProblemNamingTheChoices() {
		String body = "{\"start_date\": \"" + YESTERDAY.minusDays(2) + "\", \"end_date\": \"" + YESTERDAY
				+ "\", \"dry_run\": true}";
		ResponseEntity<Map<String, Object>> refused = this.http.postJson("/backfill", body);
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(refused.getBody()).containsEntry("title", "Collector required")
			.containsEntry("collectors", List.of("readings", "quotes"));
		for (String path : List.of("/coverage", "/circuit-breaker-status", "/backfill/some-task", "/performance")) {
			assertThat(this.http.get(path).getStatusCode().value()).as(path).isEqualTo(400);
		}
		ResponseEntity<Map<String, Object>> plan = this.http.postJson("/backfill?collector=quotes", body);
		assertThat(plan.getStatusCode().value()).isEqualTo(200);
		// three days of two symbols
		assertThat(plan.getBody()).containsEntry("missing_periods", 6);
		assertThat(this.http.postJson("/collectors/quotes/backfill", body).getBody()).containsEntry("missing_periods",
				6);
		assertThat(this.http.get("/coverage?collector=quotes").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void statusHealthAndDataQualityHoldOneEntryPerCollector() {
		Map<String, Object> status = this.http.get("/status").getBody();
		assertThat(member(status, "collectors")).containsOnlyKeys("readings", "quotes");
		assertThat(member(status, "collectors", "quotes")).containsEntry("service", "quotes");
		assertThat(this.http.get("/status?collector=quotes").getBody()).containsEntry("service", "quotes")
			.doesNotContainKey("collectors");
		Map<String, Object> quality = this.http.get("/data-quality").getBody();
		assertThat(member(quality, "collectors", "readings")).containsKey("total_records");
		assertThat(member(quality, "collectors", "quotes")).containsKey("total_records");
		ResponseEntity<Map<String, Object>> healthy = this.http.get("/health");
		assertThat(healthy.getStatusCode().value()).isEqualTo(200);
		assertThat(healthy.getBody()).containsEntry("status", "healthy");
		assertThat(member(healthy.getBody(), "collectors", "readings")).containsEntry("service", "readings");
		this.quotes.fail("source down");
		assertThat(this.http.post("/collectors/quotes/collect?wait=true").getBody()).containsEntry("status", "failed");
		ResponseEntity<Map<String, Object>> failing = this.http.get("/health");
		assertThat(failing.getStatusCode().value()).isEqualTo(503);
		assertThat(failing.getBody()).containsEntry("unhealthy_collectors", List.of("quotes"));
		assertThat(member(failing.getBody(), "collectors", "readings")).containsEntry("status", "healthy");
		// readiness depends on the database only
		assertThat(this.http.get("/ready").getStatusCode().value()).isEqualTo(200);
		this.quotes.fail(null);
		this.http.post("/collectors/quotes/collect?wait=true");
		assertThat(this.http.get("/health").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void mutatingPathsOfACollectorNeedTheToken() {
		ResponseEntity<Map<String, Object>> response = new CollectorsHttp(this.port).get("/collectors");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		ResponseEntity<String> anonymous = org.springframework.web.client.RestClient.create()
			.post()
			.uri("http://127.0.0.1:" + this.port + "/backfill?collector=quotes")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body("{}")
			.retrieve()
			.onStatus((status) -> true, (request, answer) -> {
			})
			.toEntity(String.class);
		assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void toolsThatListTheMappingsSeeEveryCollectorsPathsAndTheUnprefixedOnesOnce() {
		// what springdoc's OpenAPI description (and Actuator's mappings) read
		List<String> operations = new ArrayList<>();
		this.context.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods()
				.keySet()
				.forEach((info) -> info.getPatternValues()
					.forEach((pattern) -> info.getMethodsCondition()
						.getMethods()
						.forEach((method) -> operations.add(method + " " + pattern)))));
		assertThat(operations).contains("GET /collectors", "GET /collectors/{name}", "GET /collectors/quotes/coverage",
				"POST /collectors/quotes/backfill", "DELETE /collectors/readings/backfill/{taskId}",
				"GET /collectors/readings/status", "POST /collectors/readings/collect", "GET /metrics", "GET /logs");
		assertThat(operations).containsOnlyOnce("GET /coverage", "POST /backfill", "GET /status", "POST /collect",
				"GET /health", "GET /data-quality", "GET /collectors/quotes/status");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> runIds(Map<String, Object> status) {
		return ((List<Map<String, Object>>) status.get("last_runs")).stream().map((run) -> run.get("run_id")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> collectors(Map<String, Object> body) {
		return (List<Map<String, Object>>) body.get("collectors");
	}

}
