package dev.collector.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.collector.fixtures.LocalHttp;
import dev.collector.fixtures.ScriptedCollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Problem answers on the collector's paths and only there, and the fail-fast of the
 * endpoints that need the database while the background check finds it gone (here a
 * DataSource that refuses connections on demand).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "collector.name=test", "collector.schedule.enabled=false",
				"collector.health.database.interval=100ms", "collector.health.database.timeout=500ms" })
class CollectorErrorsTests {

	@LocalServerPort
	int port;

	@Autowired
	SwitchableDataSource dataSource;

	@AfterEach
	void reconnect() {
		this.dataSource.up = true;
	}

	@Test
	void unknownPathUnderACollectorEndpointIsA404Problem() {
		ResponseEntity<String> answer = get("/backfill/no/such/thing");
		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).contains("\"status\":404")
			.contains("No collector endpoint GET /backfill/no/such/thing");
		assertThat(get("/collector/missing.js").getHeaders().getContentType())
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void wrongMethodOnACollectorEndpointIsA405Problem() {
		ResponseEntity<String> answer = get("/collect");
		assertThat(answer.getStatusCode().value()).isEqualTo(405);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getAllow()).isNotEmpty();
	}

	@Test
	void theApplicationsOwnPathsKeepSpringBootsErrorHandling() {
		ResponseEntity<String> unknown = get("/shop/no-such-page");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getHeaders().getContentType()).isNotEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		ResponseEntity<String> failing = get("/shop/failing");
		assertThat(failing.getStatusCode().value()).isEqualTo(500);
		assertThat(failing.getHeaders().getContentType()).isNotEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void endpointsThatNeedTheDatabaseAnswer503ProblemsWhileItIsGoneAndProbesSayWhy() {
		assertThat(get("/status").getStatusCode().value()).isEqualTo(200);
		this.dataSource.up = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/ready").getStatusCode().value() == 503);
		for (String path : new String[] { "/status", "/data-quality", "/backfill", "/coverage" }) {
			assertDatabaseUnavailable(get(path));
		}
		assertDatabaseUnavailable(post("/collect?wait=true"));
		ResponseEntity<String> health = get("/health");
		assertThat(health.getStatusCode().value()).isEqualTo(503);
		assertThat(health.getBody()).contains("\"database_connected\":false")
			.contains("\"reason\":\"database unavailable: SQLTransientConnectionException: refused by the test");
		assertThat(get("/ready").getBody()).contains("\"database_connected\":false");
		assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
		// endpoints that do not need the database keep answering
		assertThat(get("/performance").getStatusCode().value()).isEqualTo(200);
		assertThat(get("/logs").getStatusCode().value()).isEqualTo(200);
		this.dataSource.up = true;
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/ready").getStatusCode().value() == 200);
		assertThat(get("/status").getStatusCode().value()).isEqualTo(200);
		assertThat(get("/health").getBody()).contains("\"database_connected\":true").contains("\"reason\":null");
	}

	private void assertDatabaseUnavailable(ResponseEntity<String> answer) {
		assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(503);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(answer.getBody()).contains("\"title\":\"Database unavailable\"").contains("refused by the test");
	}

	private ResponseEntity<String> get(String path) {
		return client().get().uri(path).exchange((request, response) -> toEntity(response));
	}

	private ResponseEntity<String> post(String path) {
		return client().post().uri(path).exchange((request, response) -> toEntity(response));
	}

	private static ResponseEntity<String> toEntity(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response)
			throws java.io.IOException {
		HttpStatusCode status = response.getStatusCode();
		return ResponseEntity.status(status)
			.headers(response.getHeaders())
			.body(new String(response.getBody().readAllBytes()));
	}

	private RestClient client() {
		return LocalHttp.client(this.port);
	}

	/**
	 * A pooled H2 database whose connections can be refused, as a lost database would.
	 */
	static class SwitchableDataSource extends DelegatingDataSource implements AutoCloseable {

		volatile boolean up = true;

		SwitchableDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (!this.up) {
				throw new SQLTransientConnectionException("refused by the test");
			}
			return super.getConnection();
		}

		@Override
		public void close() {
			((HikariDataSource) obtainTargetDataSource()).close();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		ScriptedCollector scriptedCollector() {
			return new ScriptedCollector();
		}

		@Bean
		SwitchableDataSource dataSource() {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl("jdbc:h2:mem:collector-errors;DB_CLOSE_DELAY=-1");
			pool.setUsername("sa");
			return new SwitchableDataSource(pool);
		}

		@RestController
		static class ShopController {

			@GetMapping("/shop/failing")
			String failing() {
				throw new IllegalStateException("the application's own failure");
			}

		}

	}

}
