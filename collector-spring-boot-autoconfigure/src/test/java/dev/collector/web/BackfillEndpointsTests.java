package dev.collector.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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

import dev.collector.fixtures.DailyCollector;
import dev.collector.test.support.PrometheusText;
import dev.collector.fixtures.LocalHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /backfill} and {@code /coverage} over real HTTP: every bad input is a 400 or 404
 * problem that creates nothing; a dry run plans; a backfill runs to the end; a cancel
 * stops new chunks; the metrics follow.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:backfill-endpoints;DB_CLOSE_DELAY=-1", "collector.name=test",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql",
				"collector.backfill.polling-interval=100ms", "collector.backfill.batch-size=2",
				"collector.backfill.max-range=P1Y", "collector.rate-limit.requests-per-minute=30",
				// fixed dates of the past: no retention horizon
				"collector.retention.days=0" })
class BackfillEndpointsTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	@LocalServerPort
	int port;

	@Autowired
	DailyCollector collector;

	@Autowired
	JdbcTemplate jdbc;

	RestClient http;

	@BeforeEach
	void setUp() {
		this.http = LocalHttp.client(this.port);
	}

	@Test
	void everyBadInputIsAProblemAndCreatesNothing() {
		long tasks = tasks();
		long chunks = this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_backfill_chunk", Long.class);
		String d3 = YESTERDAY.minusDays(2).toString();
		String d1 = YESTERDAY.toString();
		Map<String, String> bad = Map.of("malformed JSON", "{\"start_date\": \"" + d3 + "\", \"end_date\": ",
				"start after end", "{\"start_date\": \"" + d1 + "\", \"end_date\": \"" + d3 + "\"}",
				"end in the future",
				"{\"start_date\": \"" + d3 + "\", \"end_date\": \"" + YESTERDAY.plusDays(31) + "\"}", "unparsable date",
				"{\"start_date\": \"2024-13-45\", \"end_date\": \"" + d1 + "\"}", "not a date",
				"{\"start_date\": \"last tuesday\", \"end_date\": \"" + d1 + "\"}", "unknown symbol",
				"{\"start_date\": \"" + d3 + "\", \"symbols\": [\"NOSUCH\"]}", "range over max-range",
				"{\"start_date\": \"1900-01-01\", \"end_date\": \"" + d1 + "\"}", "wrong type",
				"{\"force\": \"very\"}");
		bad.forEach((what, body) -> {
			ResponseEntity<Map<String, Object>> response = postJson("/backfill", body);
			assertThat(response.getStatusCode().value()).as(what).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).as(what).containsEntry("status", 400).containsKey("detail");
		});
		assertThat(detail(postJson("/backfill", "{\"start_date\": \"2024-13-45\"}"))).contains("start_date",
				"2024-13-45");
		assertThat(detail(postJson("/backfill", "{\"start_date\": \"1900-01-01\"}")))
			.contains("collector.backfill.max-range");
		assertThat(detail(postJson("/backfill", "{\"start_date\": \"" + d3 + "\", \"symbols\": [\"NOSUCH\"]}")))
			.contains("NOSUCH", "s1", "s2");
		for (String method : List.of("GET", "DELETE")) {
			ResponseEntity<Map<String, Object>> unknown = this.http
				.method(org.springframework.http.HttpMethod.valueOf(method))
				.uri("/backfill/00000000-0000-4000-8000-000000000000")
				.retrieve()
				.toEntity(JSON);
			assertThat(unknown.getStatusCode().value()).isEqualTo(404);
			assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(get("/coverage?from=yesterday").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/coverage?symbol=NOSUCH").getStatusCode().value()).isEqualTo(400);
		assertThat(tasks()).isEqualTo(tasks);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_backfill_chunk", Long.class))
			.isEqualTo(chunks);
	}

	@Test
	void dryRunAnswersThePlanWithoutStartingAnything() {
		long tasks = tasks();
		ResponseEntity<Map<String, Object>> plan = postJson("/backfill",
				"{\"start_date\": \"2025-01-01\", \"end_date\": \"2025-01-05\", \"symbols\": [\"s1\"], \"dry_run\": true}");
		assertThat(plan.getStatusCode().value()).isEqualTo(200);
		assertThat(plan.getBody()).containsEntry("missing_periods", 5)
			.containsEntry("chunks_total", 3)
			.containsEntry("estimated_records", 5 * 24)
			.containsEntry("estimated_source_requests", 3)
			// three source calls at 30 a minute
			.containsEntry("estimated_duration_seconds", 6.0);
		assertThat(tasks()).isEqualTo(tasks);
		assertThat(this.collector.requests()).noneMatch((r) -> r.from().toString().startsWith("2025-01"));
	}

	@Test
	void backfillRunsToTheEndAndShowsInCoverageAndMetrics() throws Exception {
		ResponseEntity<Map<String, Object>> started = postJson("/backfill",
				"{\"start_date\": \"2025-02-01\", \"end_date\": \"2025-02-03\"}");
		assertThat(started.getStatusCode().value()).isEqualTo(202);
		assertThat(started.getBody()).containsEntry("status", "started")
			.containsEntry("missing_periods", 6)
			.containsEntry("start_date", "2025-02-01")
			.containsEntry("end_date", "2025-02-03")
			.containsKeys("task_id", "message", "estimated_records");
		String taskId = (String) started.getBody().get("task_id");
		Map<String, Object> progress = awaitEnd(taskId);
		assertThat(progress).containsEntry("status", "succeeded")
			.containsEntry("chunks_total", 4)
			.containsEntry("chunks_done", 4)
			.containsEntry("chunks_failed", 0)
			.containsEntry("records_backfilled", 6 * DailyCollector.PER_DAY)
			.containsEntry("errors", List.of())
			.containsEntry("stalled", false)
			.containsKeys("started_at", "finished_at", "last_progress_at");
		assertThat((List<?>) get("/backfill").getBody().get("tasks"))
			.anySatisfy((task) -> assertThat(((Map<?, ?>) task).get("task_id")).isEqualTo(taskId));

		Map<String, Object> coverage = get("/coverage?symbol=s1&from=2025-01-31&to=2025-02-04").getBody();
		assertThat(coverage.get("symbols")).asString()
			.contains("status=missing, from=2025-01-31, to=2025-01-31")
			.contains("status=covered, from=2025-02-01, to=2025-02-03, periods=3")
			.contains("status=missing, from=2025-02-04, to=2025-02-04");
		assertThat((List<?>) coverage.get("symbols")).singleElement()
			.satisfies(
					(symbol) -> assertThat(((Map<?, ?>) symbol).get("records")).isEqualTo(3 * DailyCollector.PER_DAY));

		String metrics = this.http.get().uri("/metrics").retrieve().body(String.class);
		assertThat(PrometheusText.parse(metrics)
			.value("collector_backfill_operations_total", "collector", "test", "status", "success"))
			.isGreaterThanOrEqualTo(1.0);
		assertThat(metrics).contains("collector_coverage_missing_periods{")
			.contains("collector_data_freshness_seconds{");
	}

	@Test
	void cancelStopsNewChunksAndTheRunningOneFinishes() throws Exception {
		this.collector.slow(Duration.ofMillis(300));
		try {
			ResponseEntity<Map<String, Object>> started = postJson("/backfill",
					"{\"start_date\": \"2025-03-01\", \"end_date\": \"2025-03-10\", \"symbols\": [\"s2\"]}");
			String taskId = (String) started.getBody().get("task_id");
			assertThat(this.collector.backfillEntered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(backfillTasksInStatus()).containsExactly(taskId);
			ResponseEntity<Map<String, Object>> cancelled = this.http.delete()
				.uri("/backfill/" + taskId)
				.retrieve()
				.toEntity(JSON);
			assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
			assertThat(cancelled.getBody()).containsEntry("status", "cancelled");
			Map<String, Object> end = awaitEnd(taskId);
			assertThat(end).containsEntry("status", "cancelled").containsEntry("chunks_total", 5);
			assertThat((Integer) end.get("chunks_done")).isLessThan(5);
			assertThat((Integer) end.get("chunks_done") + (Integer) end.get("chunks_cancelled")).isEqualTo(5);
			assertThat(backfillTasksInStatus()).isEmpty();
		}
		finally {
			this.collector.slow(Duration.ZERO);
		}
	}

	private Map<String, Object> awaitEnd(String taskId) throws InterruptedException {
		for (int i = 0; i < 300; i++) {
			Map<String, Object> progress = get("/backfill/" + taskId).getBody();
			if (progress.get("finished_at") != null) {
				return progress;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("backfill " + taskId + " did not end: " + get("/backfill/" + taskId).getBody());
	}

	@SuppressWarnings("unchecked")
	private List<Object> backfillTasksInStatus() {
		List<Map<String, Object>> tasks = (List<Map<String, Object>>) get("/status").getBody().get("backfill_tasks");
		return tasks.stream().map((task) -> task.get("task_id")).toList();
	}

	private long tasks() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_backfill_task", Long.class);
	}

	private static String detail(ResponseEntity<Map<String, Object>> response) {
		return (String) response.getBody().get("detail");
	}

	private ResponseEntity<Map<String, Object>> postJson(String uri, String body) {
		return this.http.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ACCEPT, "application/json")
			.body(body)
			.retrieve()
			.toEntity(JSON);
	}

	private ResponseEntity<Map<String, Object>> get(String uri) {
		return this.http.get().uri(uri).retrieve().toEntity(JSON);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		DailyCollector dailyCollector() {
			return new DailyCollector("s1", "s2");
		}

	}

}
