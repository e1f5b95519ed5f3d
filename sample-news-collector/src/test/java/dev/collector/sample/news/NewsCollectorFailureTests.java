package dev.collector.sample.news;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.collector.test.CollectorIntegrationTest;

import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds that cannot be read among good ones: each is a part failure, the good feeds are
 * stored and the run ends partial. The answer names the broken feeds with their errors,
 * the checkpoint moves, the coverage ledger shows the broken feeds failed with their
 * errors, and the health stays up while listing them.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:news-collector-failure-tests;DB_CLOSE_DELAY=-1",
		"news.feeds[0].id=broken", "news.feeds[0].url=classpath:test-feeds/broken.xml",
		"news.feeds[1].id=chainwire-daily", "news.feeds[1].url=classpath:feeds/chainwire-daily.xml",
		"news.feeds[2].id=gone", "news.feeds[2].url=classpath:feeds/does-not-exist.xml",
		"news.feeds[3].id=defi-dispatch", "news.feeds[3].url=classpath:feeds/defi-dispatch.xml",
		"news.feeds[4].id=catalog", "news.feeds[4].url=classpath:test-feeds/not-a-feed.xml",
		"management.endpoint.health.show-details=always" })
class NewsCollectorFailureTests extends CollectorIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	@SuppressWarnings("unchecked")
	void brokenFeedsArePartFailuresAndTheGoodFeedsAreStored() {
		double partialBefore = runs("partial");
		ResponseEntity<Map<String, Object>> response = collect();

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> body = response.getBody();
		assertThat(body).containsEntry("status", "partial").containsEntry("failed_parts_total", 3);
		List<Map<String, Object>> failed = (List<Map<String, Object>>) body.get("failed_parts");
		assertThat(failed).extracting((part) -> part.get("part"))
			.containsExactlyInAnyOrder("broken", "gone", "catalog");
		assertThat(failed).allSatisfy((part) -> assertThat(part.get("error")).asString().contains("could not be read"));
		// the good feeds, read before and after the broken ones, are stored
		assertThat(this.jdbc.queryForList("SELECT DISTINCT source FROM news_item ORDER BY source", String.class))
			.containsExactly("chainwire-daily", "defi-dispatch");
		assertThat(((Number) body.get("records_inserted")).longValue()).isPositive();
		// the checkpoint moved for what succeeded; the run history says partial
		// the news collector's checkpoint (the prices collector beside it has its own)
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_checkpoint WHERE collector = ?", Long.class,
				NewsCollector.NAME))
			.isOne();
		assertThat(this.jdbc.queryForMap("SELECT status, parts_failed, error FROM collector_run WHERE run_id = ?",
				body.get("run_id")))
			.containsEntry("STATUS", "PARTIAL")
			.containsEntry("PARTS_FAILED", 3);
		assertThat(runs("partial") - partialBefore).isEqualTo(1);
		assertThat(metrics().value("collector_part_failures_total", "collector", "news-collector", "trigger", "manual"))
			.isGreaterThanOrEqualTo(3);
		// the ledger: today failed for the broken feeds, with the error; partial for the
		// others
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		Map<String, Object> coverage = get("/coverage?from=" + today + "&to=" + today);
		List<Map<String, Object>> symbols = (List<Map<String, Object>>) coverage.get("symbols");
		assertThat(symbols).filteredOn((symbol) -> symbol.get("symbol").equals("gone"))
			.singleElement()
			.satisfies((symbol) -> {
				assertThat(symbol).containsEntry("failed_periods", 1);
				assertThat(((List<Map<String, Object>>) symbol.get("ranges")).get(0).get("error")).asString()
					.contains("does-not-exist.xml");
			});
		assertThat(symbols).filteredOn((symbol) -> symbol.get("symbol").equals("chainwire-daily"))
			.singleElement()
			.satisfies((symbol) -> assertThat(symbol).containsEntry("failed_periods", 0));
		// up, with the failing parts named
		// one component per collector: the news collector's beside the prices collector's
		Map<String, Object> collectors = (Map<String, Object>) ((Map<String, Object>) actuatorHealth()
			.get("components")).get("collector");
		Map<String, Object> collector = (Map<String, Object>) ((Map<String, Object>) collectors.get("components"))
			.get(NewsCollector.NAME);
		assertThat(collector).containsEntry("status", "UP");
		assertThat((Map<String, Object>) ((Map<String, Object>) collector.get("details")).get("failingParts"))
			.containsEntry("count", 3);
		assertThat(get("/status")).containsEntry("running", false);
	}

	private double runs(String status) {
		return metrics().value("collector_collection_requests_total", "collector", "news-collector", "status", status,
				"trigger", "manual");
	}

	private Map<String, Object> actuatorHealth() {
		return get("/actuator/health");
	}

	private Map<String, Object> get(String uri) {
		return this.rest.exchange(uri, HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() {
		}).getBody();
	}

}
