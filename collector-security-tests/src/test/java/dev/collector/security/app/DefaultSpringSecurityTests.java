package dev.collector.security.app;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.SecurityFilterChain;

import dev.collector.security.corpus.EachCollectorStandIn;

import static dev.collector.security.app.SecuredEndpoints.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application with Spring Security and Boot's default chain: the
 * collector's chain takes the collector's endpoints (token for mutations, reads open, no
 * CSRF for a bearer API), and Boot's default chain still guards everything else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:secured-default;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false", "collector.security.api-token=" + SecuredEndpoints.TOKEN,
				"collector.name=ticks" })
@Import(EachCollectorStandIn.Setup.class)
class DefaultSpringSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	SecuredEndpoints http;

	@BeforeEach
	void endpoints() {
		this.http = new SecuredEndpoints(this.port);
	}

	@Test
	void bootsDefaultChainStaysNextToTheCollectorsOwn() {
		// with Actuator present, Boot's default is
		// ManagementWebSecurityAutoConfiguration's chain
		assertThat(this.context.getBeansOfType(SecurityFilterChain.class))
			.containsOnlyKeys("collectorSecurityFilterChain", "managementSecurityFilterChain");
	}

	@Test
	void aMutationWithoutTheTokenIsRefusedAsAProblemAndChangesNothing() throws Exception {
		int before = runs();
		HttpResponse<String> response = this.http.post("/collect?wait=true", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(response.body()).contains("collector.security.api-token");
		assertThat(runs()).isEqualTo(before);
	}

	@Test
	void aWrongTokenIsForbidden() throws Exception {
		int before = runs();
		HttpResponse<String> response = this.http.post("/collect?wait=true", bearer("not-the-token"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).doesNotContain(SecuredEndpoints.TOKEN);
		assertThat(runs()).isEqualTo(before);
	}

	@Test
	void theTokenIsEnoughWithoutCsrfOrSession() throws Exception {
		HttpResponse<String> response = this.http.post("/collect?wait=true", bearer(SecuredEndpoints.TOKEN));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"succeeded\"");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void collectorReadsStayOpen() throws Exception {
		assertThat(this.http.get("/health").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/status").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/metrics").statusCode()).isIn(200, 404);
	}

	@Test
	void underEachCollectorAMutationNeedsTheTokenAndReadsStayOpen() throws Exception {
		int before = runs();
		HttpResponse<String> refused = this.http.post("/collectors/ticks/collect?wait=true", null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.http.post("/collectors/ticks/collect?wait=true", bearer("not-the-token")).statusCode())
			.isEqualTo(403);
		assertThat(runs()).isEqualTo(before);
		HttpResponse<String> allowed = this.http.post("/collectors/ticks/collect?wait=true",
				bearer(SecuredEndpoints.TOKEN));
		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Set-Cookie")).isEmpty();
		// Boot's default chain would ask for a login: the collector's chain keeps them
		// open
		assertThat(this.http.get("/collectors").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/collectors/ticks/status").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/collectors/ticks/health").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/collectors/ticks/backfill").statusCode()).isEqualTo(200);
	}

	@Test
	void everythingElseIsStillBootsDefaultSecurity() throws Exception {
		assertThat(this.http.get("/actuator/env").statusCode()).isEqualTo(401);
		// the token opens the collector's endpoints only, not the rest of the application
		assertThat(this.http.post("/actuator/refresh", bearer(SecuredEndpoints.TOKEN)).statusCode()).isIn(401, 403);
	}

	private int runs() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run", Integer.class);
	}

}
