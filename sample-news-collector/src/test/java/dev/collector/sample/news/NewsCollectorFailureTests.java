package dev.collector.sample.news;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.collector.test.CollectorIntegrationTest;

import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed that cannot be read fails the run: the answer names the feed, the source error
 * is counted and the checkpoint stays where it was.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:news-collector-failure-tests;DB_CLOSE_DELAY=-1",
		"news.feeds[0].id=chainwire-daily", "news.feeds[0].url=classpath:feeds/chainwire-daily.xml",
		"news.feeds[1].id=gone", "news.feeds[1].url=classpath:feeds/does-not-exist.xml" })
class NewsCollectorFailureTests extends CollectorIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aFeedThatCannotBeReadFailsTheRunAndKeepsTheCheckpoint() {
		double sourceErrorsBefore = sourceErrors();
		ResponseEntity<Map<String, Object>> response = collect();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("status", "failed");
		assertThat(response.getBody().get("error")).asString()
			.contains("Feed 'gone' (classpath:feeds/does-not-exist.xml) could not be read");
		assertThat(sourceErrors() - sourceErrorsBefore).isEqualTo(1);
		assertThatTable(this.jdbc, "collector_checkpoint").isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT error FROM collector_run WHERE run_id = ?", String.class,
				response.getBody().get("run_id")))
			.contains("Feed 'gone'");
		assertThat(health()).containsEntry("collection_errors", 1);
	}

	private double sourceErrors() {
		return metrics().value("collector_api_requests_total", "collector", "news-collector", "endpoint", "source",
				"status", "error");
	}

}
