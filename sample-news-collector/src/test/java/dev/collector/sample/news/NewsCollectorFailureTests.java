package dev.collector.sample.news;

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

/**
 * A feed that cannot be read fails the run: the answer names the feed, the source error
 * is counted and the checkpoint stays where it was.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:news-collector-failure-tests;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false", "news.feeds[0].id=chainwire-daily",
				"news.feeds[0].url=classpath:feeds/chainwire-daily.xml", "news.feeds[1].id=gone",
				"news.feeds[1].url=classpath:feeds/does-not-exist.xml" })
class NewsCollectorFailureTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aFeedThatCannotBeReadFailsTheRunAndKeepsTheCheckpoint() {
		double sourceErrorsBefore = sourceErrors();
		ResponseEntity<Map<String, Object>> response = this.rest.exchange("/collect?wait=true", HttpMethod.POST, null,
				JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("status", "failed");
		assertThat(response.getBody().get("error")).asString()
			.contains("Feed 'gone' (classpath:feeds/does-not-exist.xml) could not be read");
		assertThat(sourceErrors() - sourceErrorsBefore).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_checkpoint WHERE collector = ?",
				Long.class, "news-collector"))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT error FROM collector_run WHERE run_id = ?", String.class,
				response.getBody().get("run_id")))
			.contains("Feed 'gone'");

		ResponseEntity<Map<String, Object>> health = this.rest.exchange("/health", HttpMethod.GET, null, JSON);
		assertThat(health.getBody()).containsEntry("collection_errors", 1);
	}

	private double sourceErrors() {
		String metrics = this.rest.getForObject("/metrics", String.class);
		return PrometheusSample.value(metrics, "collector_api_requests_total", "collector", "news-collector",
				"endpoint", "source", "status", "error");
	}

}
