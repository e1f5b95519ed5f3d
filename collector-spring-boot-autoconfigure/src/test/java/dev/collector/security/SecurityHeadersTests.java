package dev.collector.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.fixtures.ScriptedCollector;
import dev.collector.security.corpus.RawHttp;
import dev.collector.security.corpus.RawHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's answers carry the security headers; the application's own controllers
 * do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:security-headers;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql" })
class SecurityHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void theStatusPageAndItsFilesAllowOnlyThisOriginsFilesAndNoFrames() throws Exception {
		for (String path : List.of("/collector/", "/collector/index.html", "/collector/status.js",
				"/collector/status.css", "/collector")) {
			Response response = get(path);
			assertThat(response.status()).as(path).isIn(200, 302);
			assertThat(response.headers()).as(path)
				.containsEntry("content-security-policy", CollectorSecurityHeaders.CONTENT_SECURITY_POLICY)
				.containsEntry("x-content-type-options", "nosniff")
				.containsEntry("referrer-policy", "no-referrer");
		}
		assertThat(CollectorSecurityHeaders.CONTENT_SECURITY_POLICY).contains("default-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(get("/collector/").body()).doesNotContain("<script>").doesNotContain("style=");
	}

	@Test
	void theJsonEndpointsAreNeitherSniffedNorStored() throws Exception {
		for (String path : List.of("/status", "/logs", "/data-quality", "/performance", "/health", "/backfill",
				"/circuit-breaker-status", "/%73tatus")) {
			Response response = get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.headers()).as(path)
				.containsEntry("cache-control", "no-store")
				.containsEntry("x-content-type-options", "nosniff")
				.containsEntry("referrer-policy", "no-referrer")
				.containsKey("content-security-policy");
		}
	}

	@Test
	void theApplicationsOwnControllersKeepTheirHeaders() throws Exception {
		Map<String, String> headers = get("/hello").headers();
		assertThat(headers).doesNotContainKeys("content-security-policy", "referrer-policy", "x-content-type-options",
				"cache-control");
	}

	private Response get(String path) throws Exception {
		return RawHttp.send(this.port, "GET", path, Map.of(), "");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HeadersApplication {

		@Bean
		ScriptedCollector scriptedCollector() {
			return new ScriptedCollector();
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
