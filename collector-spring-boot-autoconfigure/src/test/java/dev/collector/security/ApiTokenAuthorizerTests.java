package dev.collector.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import dev.collector.config.SecurityProperties;

import dev.collector.security.ApiTokenAuthorizer.Decision;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenAuthorizerTests {

	private static final List<String> PATHS = new SecurityProperties().getProtectedPaths();

	@Test
	void withoutTokenOnlyLoopbackCallersMayAct() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer(null, PATHS);
		assertThat(authorizer.decide(request("POST", "/collect", "127.0.0.1", null))).isEqualTo(Decision.ALLOWED);
		assertThat(authorizer.decide(request("POST", "/collect", "::1", null))).isEqualTo(Decision.ALLOWED);
		assertThat(authorizer.decide(request("POST", "/collect", "0:0:0:0:0:0:0:1", null))).isEqualTo(Decision.ALLOWED);
		assertThat(authorizer.decide(request("POST", "/collect", "10.1.2.3", null)))
			.isEqualTo(Decision.REMOTE_WITHOUT_TOKEN);
		assertThat(authorizer.decide(request("DELETE", "/backfill/1", "192.168.0.9", "Bearer anything")))
			.isEqualTo(Decision.REMOTE_WITHOUT_TOKEN);
		// a name is never looked up, so "localhost" as remote address does not count
		assertThat(authorizer.decide(request("POST", "/collect", "localhost", null)))
			.isEqualTo(Decision.REMOTE_WITHOUT_TOKEN);
	}

	@Test
	void withTokenEveryCallerNeedsIt() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer("s3cret-token", PATHS);
		assertThat(authorizer.decide(request("POST", "/collect", "127.0.0.1", null))).isEqualTo(Decision.MISSING_TOKEN);
		assertThat(authorizer.decide(request("POST", "/collect", "127.0.0.1", "Basic abc")))
			.isEqualTo(Decision.MISSING_TOKEN);
		assertThat(authorizer.decide(request("POST", "/collect", "10.0.0.1", "Bearer s3cret-tokeN")))
			.isEqualTo(Decision.WRONG_TOKEN);
		assertThat(authorizer.decide(request("POST", "/collect", "10.0.0.1", "Bearer s3cret-token")))
			.isEqualTo(Decision.ALLOWED);
		assertThat(authorizer.decide(request("POST", "/collect", "10.0.0.1", "bearer  s3cret-token ")))
			.isEqualTo(Decision.ALLOWED);
	}

	@Test
	void onlyMutatingMethodsOnProtectedPathsAreProtected() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer("s3cret-token", PATHS);
		assertThat(authorizer.isProtected(request("GET", "/backfill", "10.0.0.1", null))).isFalse();
		assertThat(authorizer.isProtected(request("POST", "/my-own-endpoint", "10.0.0.1", null))).isFalse();
		assertThat(authorizer.isProtected(request("POST", "/collect", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/collect;jsessionid=1", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("delete", "/backfill/abc", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/actuator/refresh", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("PUT", "/alert", "10.0.0.1", null))).isTrue();
	}

	@Test
	void theSpellingOfAPathIsMatchedAsSpringMvcDecodesIt() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer("s3cret-token", PATHS);
		assertThat(authorizer.isProtected(request("POST", "/%63ollect", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/colle%63t", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/%62ackfill", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("DELETE", "/backfill;a=b/x;c=d", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/%61ctuator/refresh", "10.0.0.1", null))).isTrue();
		// a path Spring Web cannot parse is protected rather than guessed at
		assertThat(authorizer.isProtected(request("POST", "/x%zz", "10.0.0.1", null))).isTrue();
	}

	@Test
	void anyPathThatReachedAProtectedHandlerIsProtected() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer("s3cret-token", PATHS);
		MockHttpServletRequest request = request("POST", "/spelt/any/way", "10.0.0.1", null);
		assertThat(authorizer.isProtected(request)).isFalse();
		assertThat(authorizer.isProtected(request, "/collect")).isTrue();
		assertThat(authorizer.isProtected(request, "/backfill/{taskId}")).isTrue();
		assertThat(authorizer.isProtected(request, "/actuator/loggers/{name}")).isTrue();
		assertThat(authorizer.isProtected(request, "/my-own/{id}")).isFalse();
		assertThat(authorizer.isProtected(request("GET", "/x", "10.0.0.1", null), "/collect")).isFalse();
	}

	@Test
	void underEachCollectorTheSamePathsAreProtectedForAnyName() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer("s3cret-token", PATHS);
		for (String name : List.of("x", "prices", "my-collector_2", "0", "A-B", "%78", "x;a=b", "..;", "a.b", "%2E")) {
			for (String path : List.of("/collect", "/collect/now", "/backfill", "/backfill/abc", "/alert",
					"/validate-data", "/actuator/refresh")) {
				assertThat(authorizer.isProtected(request("POST", "/collectors/" + name + path, "10.0.0.1", null)))
					.as(name + path)
					.isTrue();
			}
			assertThat(
					authorizer.isProtected(request("DELETE", "/collectors/" + name + "/backfill/t1", "10.0.0.1", null)))
				.isTrue();
			for (String path : List.of("/status", "/coverage", "/data-quality", "/circuit-breaker-status", "/health")) {
				assertThat(authorizer.isProtected(request("POST", "/collectors/" + name + path, "10.0.0.1", null)))
					.as(name + path)
					.isFalse();
			}
			assertThat(authorizer.isProtected(request("GET", "/collectors/" + name + "/backfill", "10.0.0.1", null)))
				.isFalse();
		}
		// the spelling of the prefix and of the path after the name is matched as Spring
		// MVC
		// decodes it
		assertThat(authorizer.isProtected(request("POST", "/%63ollectors/x/%63ollect", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/collectors;a=b/x/collect;c=d", "10.0.0.1", null))).isTrue();
		// reads stay open, and so does the list of the collectors
		assertThat(authorizer.isProtected(request("GET", "/collectors/x/collect", "10.0.0.1", null))).isFalse();
		assertThat(authorizer.isProtected(request("GET", "/collectors", "10.0.0.1", null))).isFalse();
		// decided on the handler's mapping too, whatever the spelling that reached it
		MockHttpServletRequest request = request("POST", "/spelt/any/way", "10.0.0.1", null);
		assertThat(authorizer.isProtected(request, "/collectors/{name}/collect")).isTrue();
		assertThat(authorizer.isProtected(request, "/collectors/{name}/backfill/{taskId}")).isTrue();
		assertThat(authorizer.isProtected(request, "/collectors/{name}/status")).isFalse();
	}

	@Test
	void aProtectedPathOfTheApplicationIsProtectedUnderEachCollectorToo() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer("s3cret-token", List.of("/reindex", "purge/**"));
		assertThat(authorizer.isProtected(request("POST", "/collectors/x/reindex", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/collectors/x/purge/all", "10.0.0.1", null))).isTrue();
		assertThat(authorizer.isProtected(request("POST", "/collectors/x/collect", "10.0.0.1", null))).isFalse();
		// nothing protected stays nothing protected
		assertThat(new ApiTokenAuthorizer("s3cret-token", List.of())
			.isProtected(request("POST", "/collectors/x/collect", "10.0.0.1", null))).isFalse();
	}

	@Test
	void theCollectorsPathsAreTheCollectorsEndpointsWithAndWithoutThePrefix() {
		for (String path : List.of("/collectors", "/collectors/x/status", "/collectors/a-b_9/collect",
				"/collectors/x/backfill/t1", "/collectors/%78/health", "/status", "/collect")) {
			assertThat(CollectorEndpointPaths.matches(new MockHttpServletRequest("GET", path))).as(path).isTrue();
		}
		for (String path : List.of("/collectors/x", "/collectors/x/y/collect", "/my-own", "/collectorsx/x/collect")) {
			assertThat(CollectorEndpointPaths.matches(new MockHttpServletRequest("GET", path))).as(path).isFalse();
		}
	}

	@Test
	void withoutTokenALoopbackPeerThatRelaysForSomeoneElseIsRefused() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer(null, PATHS);
		for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
			MockHttpServletRequest relayed = request("POST", "/collect", "127.0.0.1", null);
			relayed.addHeader(header, "127.0.0.1");
			assertThat(authorizer.decide(relayed)).as(header).isEqualTo(Decision.RELAYED_WITHOUT_TOKEN);
		}
		// with a token, the token alone decides
		MockHttpServletRequest relayed = request("POST", "/collect", "127.0.0.1", "Bearer s3cret-token");
		relayed.addHeader("X-Forwarded-For", "203.0.113.9");
		assertThat(new ApiTokenAuthorizer("s3cret-token", PATHS).decide(relayed)).isEqualTo(Decision.ALLOWED);
	}

	@Test
	void contextPathIsIgnored() {
		ApiTokenAuthorizer authorizer = new ApiTokenAuthorizer(null, PATHS);
		MockHttpServletRequest request = request("POST", "/app/collect", "10.0.0.1", null);
		request.setContextPath("/app");
		assertThat(authorizer.isProtected(request)).isTrue();
	}

	private static MockHttpServletRequest request(String method, String uri, String remote, String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setRemoteAddr(remote);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

}
