package dev.collector.sample.news;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample's {@code postgres} profile against a real PostgreSQL, in a schema of its own.
 * The database comes from {@code COLLECTOR_TEST_POSTGRES_URL} (set by {@code .ci/run});
 * without it the test fails under {@code CI} and is skipped, saying so, elsewhere.
 */
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "collector.schedule.enabled=false")
class NewsCollectorPostgresTests {

	private static final String URL_VARIABLE = "COLLECTOR_TEST_POSTGRES_URL";

	private static final String SCHEMA = "news_sample_" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) throws SQLException {
		String url = System.getenv(URL_VARIABLE);
		if (url == null || url.isBlank()) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(URL_VARIABLE + " is not set: the PostgreSQL test must run in CI");
			}
			assumeTrue(false, "Set " + URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/test) to run this test");
		}
		String username = System.getenv().getOrDefault(URL_VARIABLE.replace("_URL", "_USERNAME"), "postgres");
		String password = System.getenv().getOrDefault(URL_VARIABLE.replace("_URL", "_PASSWORD"), "");
		execute(url, username, password, "CREATE SCHEMA " + SCHEMA);
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> username);
		registry.add("spring.datasource.password", () -> password);
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			execute(url, System.getenv().getOrDefault("COLLECTOR_TEST_POSTGRES_USERNAME", "postgres"),
					System.getenv().getOrDefault("COLLECTOR_TEST_POSTGRES_PASSWORD", ""),
					"DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void collectsIntoPostgresAndCountsDuplicatesTheSecondTime() {
		Map<String, Object> first = collect();
		assertThat(first).containsEntry("status", "succeeded").containsEntry("records_invalid", 1);
		int inserted = (Integer) first.get("records_inserted");
		assertThat(inserted).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + SCHEMA + ".news_item", Integer.class))
			.isEqualTo(inserted);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + SCHEMA + ".collector_checkpoint", Integer.class))
			.isEqualTo(1);
		Map<String, Object> second = collect();
		assertThat(second).containsEntry("records_inserted", 0).containsEntry("records_duplicate", inserted);
	}

	private Map<String, Object> collect() {
		return this.rest
			.exchange("/collect?wait=true", HttpMethod.POST, null, new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.getBody();
	}

	private static void execute(String url, String username, String password, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
