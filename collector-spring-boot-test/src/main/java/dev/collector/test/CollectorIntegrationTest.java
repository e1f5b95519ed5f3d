package dev.collector.test;

import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import dev.collector.test.support.PrometheusText;

/**
 * A base class for full integration tests over real HTTP: the whole application on a
 * random port, metrics exported (so {@code /metrics} answers), the schedule off, backfill
 * chunks picked up within 100 ms, and helpers for the collector's endpoints. Subclasses
 * add their own {@code @TestPropertySource}, profiles or {@link CollectorTestDatabase}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "collector.schedule.enabled=false", "collector.backfill.polling-interval=100ms" })
@AutoConfigureObservability(tracing = false)
@AutoConfigureCollectorTester
public abstract class CollectorIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	protected TestRestTemplate rest;

	@Autowired
	protected CollectorTester tester;

	/**
	 * {@code POST /collect?wait=true}: run a collection over HTTP and wait for it.
	 * @return the answer, status and body
	 */
	protected ResponseEntity<Map<String, Object>> collect() {
		return post("/collect?wait=true");
	}

	/**
	 * POST to one of the collector's endpoints and read the JSON answer.
	 * @param uri e.g. {@code /collect?wait=true&dry_run=true}
	 * @return the answer, status and body
	 */
	protected ResponseEntity<Map<String, Object>> post(String uri) {
		return this.rest.exchange(uri, HttpMethod.POST, null, JSON);
	}

	/**
	 * {@code GET /health}.
	 * @return the body
	 */
	protected Map<String, Object> health() {
		return this.rest.exchange("/health", HttpMethod.GET, null, JSON).getBody();
	}

	/**
	 * {@code GET /metrics}, parsed.
	 * @return the scrape
	 */
	protected PrometheusText metrics() {
		return PrometheusText.parse(metricsText());
	}

	/**
	 * {@code GET /metrics}, as text, for
	 * {@link CollectorAssertions#assertThatPrometheus}.
	 * @return the scrape
	 */
	protected String metricsText() {
		return this.rest.getForObject("/metrics", String.class);
	}

}
