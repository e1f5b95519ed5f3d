package dev.collector.collectors.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.collector.fixtures.LocalHttp;

/**
 * Requests of the tests of several collectors' endpoints: JSON answers as maps, the API
 * token on every mutating request.
 */
final class CollectorsHttp {

	static final String TOKEN = "several-collectors-token";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	CollectorsHttp(int port) {
		this.http = LocalHttp.client(port);
	}

	ResponseEntity<Map<String, Object>> get(String uri) {
		return this.http.get().uri(uri).retrieve().toEntity(JSON);
	}

	ResponseEntity<Map<String, Object>> post(String uri) {
		return this.http.post()
			.uri(uri)
			.header(HttpHeaders.ACCEPT, "application/json")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.retrieve()
			.toEntity(JSON);
	}

	ResponseEntity<Map<String, Object>> postJson(String uri, String body) {
		return this.http.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ACCEPT, "application/json")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.body(body)
			.retrieve()
			.toEntity(JSON);
	}

	/**
	 * Wait until no collector runs (a test that started a run without waiting leaves it
	 * to the next).
	 */
	@SuppressWarnings("unchecked")
	void awaitIdle() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			List<Map<String, Object>> collectors = (List<Map<String, Object>>) get("/collectors").getBody()
				.get("collectors");
			if (collectors.stream().noneMatch((entry) -> Boolean.TRUE.equals(entry.get("running")))) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("A collector still runs");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> member(Map<String, Object> body, String... path) {
		Map<String, Object> current = body;
		for (String key : path) {
			current = (Map<String, Object>) current.get(key);
		}
		return current;
	}

}
