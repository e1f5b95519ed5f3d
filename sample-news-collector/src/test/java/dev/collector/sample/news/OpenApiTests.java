package dev.collector.sample.news;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description (springdoc, from the starter) lists the collectors' endpoints,
 * each collector's under {@code /collectors/{name}}, and Swagger UI is served by the
 * application itself.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:openapi;DB_CLOSE_DELAY=-1", "collector.schedule.enabled=false" })
class OpenApiTests {

	@Autowired
	private TestRestTemplate rest;

	@Test
	@SuppressWarnings("unchecked")
	void describesEveryCollectorEndpoint() {
		ResponseEntity<Map> response = this.rest.getForEntity("/v3/api-docs", Map.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		Map<String, Object> paths = (Map<String, Object>) response.getBody().get("paths");
		assertThat(paths).containsKeys("/collect", "/health", "/ready", "/status", "/data-quality", "/performance",
				"/circuit-breaker-status", "/logs", "/alert", "/validate-data");
		assertThat((Map<String, Object>) paths.get("/alert")).containsKey("post");
		// the collectors, and each collector's own paths
		assertThat(paths).containsKeys("/collectors", "/collectors/prices/collect", "/collectors/prices/backfill",
				"/collectors/prices/coverage", "/collectors/news-collector/status");
		assertThat((Map<String, Object>) paths.get("/collectors/prices/collect")).containsKey("post");
	}

	@Test
	void swaggerUiIsServedLocally() {
		ResponseEntity<String> page = this.rest.getForEntity("/swagger-ui/index.html", String.class);
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		assertThat(page.getBody()).contains("swagger-ui");
	}

}
