package dev.collector.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.core.Ordered;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request to the collector's endpoints, after the answer: method, path,
 * status, duration and caller, as structured fields ({@code http.request.method},
 * {@code url.path}, {@code http.response.status_code}, {@code event.duration} in
 * nanoseconds, {@code client.address}, {@code user_agent.original}) and as a readable
 * message. Headers (Authorization above all), query strings and bodies are never logged.
 * Probes and scrapes are excluded by default
 * ({@code collector.logging.requests.exclude}).
 */
public class RequestLoggingFilter extends OncePerRequestFilter implements OrderedFilter {

	/**
	 * Outside every other filter, so a request a security filter refuses is logged too.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	private static final Logger logger = LoggerFactory.getLogger(RequestLoggingFilter.class);

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final Level level;

	private final List<String> include;

	private final List<String> exclude;

	public RequestLoggingFilter(Level level, List<String> include, List<String> exclude) {
		this.level = level;
		this.include = List.copyOf(include);
		this.exclude = List.copyOf(exclude);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!logger.isEnabledForLevel(this.level)) {
			return true;
		}
		String path = path(request);
		return this.include.stream().noneMatch((pattern) -> this.matcher.match(pattern, path))
				|| this.exclude.stream().anyMatch((pattern) -> this.matcher.match(pattern, path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		try {
			chain.doFilter(request, response);
			status = response.getStatus();
		}
		finally {
			log(request, status, System.nanoTime() - started);
		}
	}

	private void log(HttpServletRequest request, int status, long nanos) {
		String path = path(request);
		String caller = request.getRemoteAddr();
		logger.atLevel(this.level)
			.addKeyValue("http.request.method", request.getMethod())
			.addKeyValue("url.path", path)
			.addKeyValue("http.response.status_code", status)
			.addKeyValue("event.duration", nanos)
			.addKeyValue("client.address", caller)
			.addKeyValue("user_agent.original", String.valueOf(request.getHeader("User-Agent")))
			.log("{} {} {} {}ms from {}", request.getMethod(), path, status, nanos / 1_000_000, caller);
	}

	private static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (context != null && !context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length())
				: uri;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
