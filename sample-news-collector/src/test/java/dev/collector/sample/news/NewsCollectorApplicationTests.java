package dev.collector.sample.news;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The sample end to end, over HTTP, on an in-memory H2 database with the bundled feeds.
 * Each test states what it needs (an empty table, the counter before) rather than relying
 * on the order the tests run in.
 */
// metrics export (and so GET /metrics) is off in Spring Boot tests unless asked for
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:news-collector-tests;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false" })
class NewsCollectorApplicationTests {

	/** Items in the bundled feeds. */
	private static final int BUNDLED_ITEMS = 37;

	/** The one item of the bundled feeds that is invalid on purpose (empty title). */
	private static final String INVALID_GUID = "https://defi-dispatch.example/2026/11/21/untitled-draft";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void collectStoresValidItemsOnceAndQuarantinesTheInvalidOne() {
		awaitIdle();
		this.jdbc.update("DELETE FROM news_item");
		double insertedBefore = insertedCounter();

		Map<String, Object> first = collect("/collect?wait=true");
		assertThat(first).containsEntry("status", "succeeded").containsEntry("trigger", "manual");
		assertThat(number(first, "records_collected")).isEqualTo(BUNDLED_ITEMS);
		long inserted = number(first, "records_inserted");
		assertThat(inserted).isPositive().isEqualTo(BUNDLED_ITEMS - 1);
		assertThat(number(first, "records_invalid")).isEqualTo(1);
		assertThat(number(first, "records_duplicate")).isZero();
		assertThat(rows("SELECT COUNT(*) FROM news_item")).isEqualTo(inserted);
		assertThat(rows("SELECT COUNT(*) FROM news_item WHERE ingested_at IS NULL")).isZero();
		assertThat(rows("SELECT COUNT(*) FROM news_item WHERE guid = ?", INVALID_GUID)).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT currencies FROM news_item WHERE source = 'chainwire-daily' AND guid = 'chainwire-20261122-003'",
				String.class))
			.isEqualTo("USDC,USDT");

		// the invalid item is in the quarantine, with the reason
		List<Map<String, Object>> quarantined = this.jdbc.queryForList(
				"SELECT reason, payload FROM collector_quarantine WHERE collector = 'news-collector' AND run_id = ?",
				first.get("run_id"));
		assertThat(quarantined).singleElement().satisfies((row) -> {
			assertThat(row.get("reason")).asString().startsWith("title: ");
			assertThat(row.get("payload")).asString().contains(INVALID_GUID);
		});

		// the counter of inserted records moved by exactly what was inserted
		assertThat(insertedCounter() - insertedBefore).isEqualTo(inserted);

		// the same feeds again: nothing new, everything a duplicate
		Map<String, Object> second = collect("/collect?wait=true");
		assertThat(second).containsEntry("status", "succeeded");
		assertThat(number(second, "records_inserted")).isZero();
		assertThat(number(second, "records_duplicate")).isEqualTo(inserted);
		assertThat(number(second, "records_invalid")).isEqualTo(1);
		assertThat(rows("SELECT COUNT(*) FROM news_item")).isEqualTo(inserted);
		assertThat(insertedCounter() - insertedBefore).isEqualTo(inserted);
	}

	@Test
	void healthIsHealthy() {
		ResponseEntity<Map<String, Object>> response = this.rest.exchange("/health", HttpMethod.GET, null, JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("status", "healthy")
			.containsEntry("service", "news-collector")
			.containsEntry("database_connected", true);
	}

	@Test
	void collectWithoutWaitStartsARun() {
		ResponseEntity<Map<String, Object>> response = post("/collect");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(response.getBody()).containsEntry("status", "started").containsEntry("trigger", "manual");
		assertThat(response.getBody().get("run_id")).asString().isNotBlank();
		// let the run end before the next test (a dry run waits for its turn, writes nothing)
		collect("/collect?wait=true&dry_run=true");
		assertThat(rows("SELECT COUNT(*) FROM collector_run WHERE run_id = ? AND status <> 'RUNNING'",
				response.getBody().get("run_id")))
			.as("run %s recorded as finished", response.getBody().get("run_id"))
			.isEqualTo(1);
	}

	@Test
	void dryRunWritesNothing() {
		awaitIdle();
		this.jdbc.update("DELETE FROM news_item");
		long quarantinedBefore = rows("SELECT COUNT(*) FROM collector_quarantine");
		Map<String, Object> result = collect("/collect?wait=true&dry_run=true");
		assertThat(result).containsEntry("status", "succeeded").containsEntry("dry_run", true);
		assertThat(number(result, "records_collected")).isEqualTo(BUNDLED_ITEMS);
		assertThat(number(result, "records_inserted")).isZero();
		assertThat(number(result, "records_invalid")).isEqualTo(1);
		assertThat(rows("SELECT COUNT(*) FROM news_item")).isZero();
		assertThat(rows("SELECT COUNT(*) FROM collector_quarantine")).isEqualTo(quarantinedBefore);
	}

	/** POST and expect 200 with a finished run. */
	private Map<String, Object> collect(String uri) {
		ResponseEntity<Map<String, Object>> response = post(uri);
		assertThat(response.getStatusCode()).as("POST %s: %s", uri, response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	/** POST, trying again while another run (a 202 one) is in progress. */
	private ResponseEntity<Map<String, Object>> post(String uri) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (true) {
			ResponseEntity<Map<String, Object>> response = this.rest.exchange(uri, HttpMethod.POST, null, JSON);
			if (response.getStatusCode() != HttpStatus.CONFLICT) {
				return response;
			}
			if (Instant.now().isAfter(deadline)) {
				fail("POST " + uri + " still answers 409 after 30s: " + response.getBody());
			}
			sleep();
		}
	}

	/** Wait until no run is in progress, by starting a dry run (which writes nothing). */
	private void awaitIdle() {
		collect("/collect?wait=true&dry_run=true");
	}

	private long rows(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

	private static long number(Map<String, Object> json, String field) {
		assertThat(json).containsKey(field);
		return ((Number) json.get(field)).longValue();
	}

	/**
	 * The value of
	 * {@code collector_records_processed_total{collector="news-collector",operation="insert"}}
	 * in GET /metrics, read from the exposition format; 0 while the series does not exist.
	 */
	private double insertedCounter() {
		ResponseEntity<String> response = this.rest.getForEntity("/metrics", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return PrometheusSample.value(response.getBody(), "collector_records_processed_total", "collector",
				"news-collector", "operation", "insert");
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
