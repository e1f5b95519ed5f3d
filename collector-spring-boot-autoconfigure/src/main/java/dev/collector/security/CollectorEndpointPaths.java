package dev.collector.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.HandlerMapping;

/**
 * The paths the collector's own controllers and its status page serve (not Actuator's):
 * what the collector's Spring Security filter chain takes charge of when Spring Security
 * is in use, and what gets the collector's security headers. Matched as Spring MVC
 * matches (see {@link RequestPathPatterns}), never on the raw URI.
 */
public final class CollectorEndpointPaths {

	/** Patterns (Spring MVC syntax) of the collector's endpoints and its status page. */
	public static final List<String> PATTERNS = List.of("/collect", "/collect/**", "/backfill", "/backfill/**",
			"/coverage", "/status", "/data-quality", "/performance", "/circuit-breaker-status", "/logs", "/alert",
			"/validate-data", "/health", "/ready", "/metrics", "/collector", "/collector/**");

	private static final RequestPathPatterns MATCHER = RequestPathPatterns.parse(PATTERNS);

	private CollectorEndpointPaths() {
	}

	/**
	 * Whether a request is for one of the collector's endpoints: by the path the
	 * dispatcher matches and, once a handler is resolved, by that handler's mapping.
	 * @param request the request
	 * @return {@code true} for the collector's own paths
	 */
	public static boolean matches(HttpServletRequest request) {
		return MATCHER.matchesRequest(request)
				|| MATCHER.matchesHandlerPattern(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
	}

}
