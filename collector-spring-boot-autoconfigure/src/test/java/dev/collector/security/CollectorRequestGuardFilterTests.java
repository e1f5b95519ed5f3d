package dev.collector.security;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CollectorRequestGuardFilterTests {

	private final CollectorRequestGuardFilter filter = new CollectorRequestGuardFilter(
			new ApiTokenAuthorizer(null, List.of("/collect", "/validate-data")), 10);

	@Test
	void remoteCallerWithoutConfiguredTokenGetsForbiddenProblemAndNeverReachesTheController() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/collect");
		request.setRemoteAddr("203.0.113.7");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":403").contains("Loopback only");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void anEncodedSpellingOfAProtectedPathIsRefusedToo() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/%63ollect");
		request.setRemoteAddr("203.0.113.7");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void theApplicationsOwnBodiesAreNotLimited() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/my-own-upload");
		request.setRemoteAddr("203.0.113.7");
		request.setContent(new byte[11]);
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest().getInputStream().readAllBytes()).hasSize(11);
	}

	@Test
	void announcedOversizedBodyIsRefusedBeforeReading() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/validate-data");
		request.setRemoteAddr("127.0.0.1");
		request.setContent(new byte[11]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void unannouncedBodyFailsWhileReadingPastTheLimit() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/validate-data") {
			@Override
			public long getContentLengthLong() {
				return -1;
			}
		};
		request.setRemoteAddr("127.0.0.1");
		request.setContent(new byte[11]);
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> chain.getRequest().getInputStream().readAllBytes())
			.withMessageContaining("larger than 10 bytes");
	}

}
