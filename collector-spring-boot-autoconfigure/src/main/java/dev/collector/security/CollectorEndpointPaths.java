package dev.collector.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.AntPathMatcher;
import org.springframework.util.StringUtils;

/**
 * The paths the collector's own controllers serve (not Actuator's): what the collector's
 * Spring Security filter chain takes charge of when Spring Security is in use.
 */
public final class CollectorEndpointPaths {

	/** Ant patterns of the collector's endpoints and its status page. */
	public static final List<String> PATTERNS = List.of("/collect", "/collect/**", "/backfill", "/backfill/**",
			"/coverage", "/status", "/data-quality", "/performance", "/circuit-breaker-status", "/logs", "/alert",
			"/validate-data", "/health", "/ready", "/metrics", "/collector", "/collector/**");

	private static final AntPathMatcher MATCHER = new AntPathMatcher();

	private CollectorEndpointPaths() {
	}

	/**
	 * Whether a request is for one of the collector's endpoints.
	 * @param request the request
	 * @return {@code true} for the collector's own paths
	 */
	public static boolean matches(HttpServletRequest request) {
		String path = pathWithinApplication(request);
		return PATTERNS.stream().anyMatch((pattern) -> MATCHER.match(pattern, path));
	}

	/**
	 * The request's path without context path and path parameters, with repeated and
	 * trailing slashes folded, so that "//collect/" cannot slip past "/collect".
	 * @param request the request
	 * @return the normalised path
	 */
	static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		String path = (StringUtils.hasLength(contextPath) && uri.startsWith(contextPath))
				? uri.substring(contextPath.length()) : uri;
		int parameters = path.indexOf(';');
		path = (parameters >= 0) ? path.substring(0, parameters) : path;
		path = path.replaceAll("/{2,}", "/");
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
