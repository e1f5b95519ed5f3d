package dev.collector.security;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Path patterns matched against a request the way Spring MVC matches its handler
 * mappings, never against the raw request URI: the path is parsed by Spring Web
 * ({@link ServletRequestPathUtils}: context and servlet path removed, each segment
 * percent-decoded, {@code ;parameters} stripped) and matched with {@link PathPattern}
 * from {@link PathPatternParser}, the parser and matcher the dispatcher uses by default.
 * Inside the dispatcher the path it already resolved is reused, whichever matching
 * strategy is configured. Nothing here decodes a URL by itself.
 */
final class RequestPathPatterns {

	/**
	 * The already decoded lookup path of the Ant strategy: split, never decoded again.
	 */
	private static final PathContainer.Options DECODED = PathContainer.Options.create('/', false);

	private final List<PathPattern> patterns;

	private RequestPathPatterns(List<PathPattern> patterns) {
		this.patterns = patterns;
	}

	/**
	 * Parse patterns in Spring MVC's syntax ({@code /backfill/**},
	 * {@code /backfill/{id}}).
	 * @param patterns the patterns
	 * @return the parsed patterns
	 * @throws org.springframework.web.util.pattern.PatternParseException for a pattern
	 * that is not valid
	 */
	static RequestPathPatterns parse(Collection<String> patterns) {
		return new RequestPathPatterns(patterns.stream().map(PathPatternParser.defaultInstance::parse).toList());
	}

	/**
	 * Whether the path the dispatcher matches for this request falls under a pattern. A
	 * path that Spring Web cannot parse matches: it is refused rather than guessed at.
	 * @param request the request
	 * @return {@code true} when a pattern matches
	 */
	boolean matchesRequest(HttpServletRequest request) {
		PathContainer path;
		try {
			path = dispatcherPath(request);
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
		return matches(path);
	}

	/**
	 * Whether the pattern of the handler mapping that resolved the request's handler
	 * ({@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, e.g.
	 * {@code /backfill/{taskId}}) falls under a pattern: then every spelling of the path
	 * that reaches that handler does, whatever it looked like on the wire.
	 * @param handlerPattern the mapping's pattern, {@code null} when unknown
	 * @return {@code true} when a pattern matches
	 */
	boolean matchesHandlerPattern(Object handlerPattern) {
		return handlerPattern != null && matches(PathContainer.parsePath(handlerPattern.toString(), DECODED));
	}

	private boolean matches(PathContainer path) {
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The path the dispatcher matches: inside it, what it has already resolved (the
	 * parsed path, or the decoded lookup path of the Ant strategy); before it (in a
	 * filter), the path parsed the same way, without leaving it cached.
	 */
	private static PathContainer dispatcherPath(HttpServletRequest request) {
		if (ServletRequestPathUtils.hasCachedPath(request)) {
			Object cached = ServletRequestPathUtils.getCachedPath(request);
			return (cached instanceof PathContainer parsed) ? parsed
					: PathContainer.parsePath((String) cached, DECODED);
		}
		return ServletRequestPathUtils.parse(request).pathWithinApplication();
	}

}
