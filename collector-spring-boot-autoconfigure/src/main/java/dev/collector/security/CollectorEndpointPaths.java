package dev.collector.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.HandlerMapping;

/**
 * The paths the collector's own controllers and its status page serve (not Actuator's):
 * what the collector's Spring Security filter chain takes charge of when Spring Security
 * is in use, and what gets the collector's security headers. Matched as Spring MVC
 * matches (see {@link RequestPathPatterns}), never on the raw URI.
 * <p>
 * Every collector of the application also answers its paths under
 * {@code /collectors/{name}} ({@link #EACH_COLLECTOR}), and {@code GET /collectors} lists
 * them: each of today's paths counts under that prefix too, for any name segment, so that
 * a path has the same protection with and without the prefix
 * ({@link #underEachCollector}).
 */
public final class CollectorEndpointPaths {

	/**
	 * The prefix under which each collector answers the per-collector paths,
	 * {@code /collectors/{name}}: any one path segment as the name (wider than the names
	 * a collector may have, so that no spelling of a name escapes).
	 */
	public static final String EACH_COLLECTOR = "/collectors/*";

	/** The list of the collectors, a read like {@code /status}. */
	public static final String COLLECTORS = "/collectors";

	/**
	 * Patterns (Spring MVC syntax) of the collector's endpoints and its status page, with
	 * and without the {@link #EACH_COLLECTOR} prefix, and the list of the collectors.
	 */
	public static final List<String> PATTERNS = List
		.copyOf(withList(underEachCollector(List.of("/collect", "/collect/**", "/backfill", "/backfill/**", "/coverage",
				"/status", "/data-quality", "/performance", "/circuit-breaker-status", "/logs", "/alert",
				"/validate-data", "/health", "/ready", "/metrics", "/collector", "/collector/**"))));

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

	/**
	 * Patterns and the same patterns under {@link #EACH_COLLECTOR}: {@code /collect}
	 * gives {@code /collect} and {@code /collectors/{name}/collect} for any name (the
	 * name matched by a wildcard, so that it is no path variable). Applied to
	 * {@code collector.security.protected-paths}, it protects every path under the prefix
	 * exactly as without it, whatever the application configured.
	 * @param patterns patterns in Spring MVC's syntax
	 * @return the patterns, then each under the prefix, without duplicates
	 */
	public static List<String> underEachCollector(Collection<String> patterns) {
		Set<String> all = new LinkedHashSet<>(patterns);
		for (String pattern : patterns) {
			all.add(pattern.startsWith("/") ? EACH_COLLECTOR + pattern
					: pattern.isEmpty() ? EACH_COLLECTOR : EACH_COLLECTOR + "/" + pattern);
		}
		return List.copyOf(all);
	}

	private static List<String> withList(List<String> patterns) {
		List<String> all = new ArrayList<>(patterns);
		all.add(COLLECTORS);
		return all;
	}

}
