package dev.collector.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.collector.collect.CollectorRegistry;
import dev.collector.fixtures.TwoCollectorsApplication;
import dev.collector.security.corpus.RawHttp;
import dev.collector.security.corpus.RawHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protection in a servlet application with two collectors: the shared security beans
 * live in the application's context and the guard refuses, without the token, every
 * mutation of each collector under {@code /collectors/{name}} and the unprefixed ones
 * that act on several ({@code ?collector=a,b}), before any handler, whichever handlers
 * the application maps there.
 */
@SpringBootTest(classes = TwoCollectorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:several-collectors-security;DB_CLOSE_DELAY=-1",
		"spring.sql.init.mode=always", TwoCollectorsApplication.SCHEMA, "collector.schedule.enabled=false",
		"collector.security.api-token=" + SeveralCollectorsSecurityTests.TOKEN })
class SeveralCollectorsSecurityTests {

	static final String TOKEN = "Several-C0llectors-T0ken";

	private static final List<String> MUTATIONS = List.of("POST /collect", "POST /collect?collector=readings,quotes",
			"POST /backfill?collector=quotes", "POST /collectors/readings/collect", "POST /collectors/quotes/collect",
			"PUT /collectors/quotes/collect", "POST /collectors/quotes/backfill",
			"DELETE /collectors/readings/backfill/some-task", "POST /collectors/quotes/validate-data",
			"POST /collectors/%71uotes/collect", "POST /collectors/quotes;a=b/collect",
			"POST /collectors/unknown-name_2/collect", "PATCH /collectors/quotes/backfill/some-task");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CollectorRegistry registry;

	@Test
	void everyMutationOfEachCollectorNeedsTheToken() throws IOException {
		assertThat(this.registry.several()).isTrue();
		int runs = runs();
		for (String mutation : MUTATIONS) {
			String method = mutation.substring(0, mutation.indexOf(' '));
			String target = mutation.substring(mutation.indexOf(' ') + 1);
			Response refused = RawHttp.send(this.port, method, target, Map.of(), "{}");
			assertThat(refused.status()).as(mutation).isEqualTo(401);
			assertThat(refused.contentType()).as(mutation).startsWith("application/problem+json");
			Response wrong = RawHttp.send(this.port, method, target, Map.of("Authorization", "Bearer not-it"), "{}");
			assertThat(wrong.status()).as(mutation).isEqualTo(403);
		}
		assertThat(runs()).isEqualTo(runs);
	}

	@Test
	void withTheTokenTheGuardLetsThemThrough() throws IOException {
		for (String mutation : List.of("POST /collectors/quotes/validate-data",
				"DELETE /collectors/quotes/backfill/x")) {
			String method = mutation.substring(0, mutation.indexOf(' '));
			String target = mutation.substring(mutation.indexOf(' ') + 1);
			Response response = RawHttp.send(this.port, method, target, Map.of("Authorization", "Bearer " + TOKEN),
					"[]");
			assertThat(response.status()).as(mutation + ": " + response.body()).isNotIn(401, 403);
		}
	}

	private int runs() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run", Integer.class);
	}

}
