package dev.collector.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Security headers on the collector's own answers: its status page ({@code /collector})
 * and its JSON endpoints ({@link CollectorEndpointPaths}), never on the application's
 * other controllers. Registered as a {@code MappedInterceptor}, so the decision is taken
 * on the handler the dispatcher resolved. Spring Security, when in use, adds its own
 * defaults next to these.
 * <ul>
 * <li>{@code Content-Security-Policy}: only this origin's files, no inline script or
 * style, never in a frame;</li>
 * <li>{@code X-Content-Type-Options: nosniff}: JSON is never read as HTML or script;</li>
 * <li>{@code Referrer-Policy: no-referrer}: the page's links leak nothing;</li>
 * <li>{@code Cache-Control: no-store} on every answer a controller computes (status,
 * logs, data quality, ...): operational data stays out of shared caches.</li>
 * </ul>
 */
class CollectorSecurityHeaders implements HandlerInterceptor {

	/** The status page's policy: its own files only, nothing inline, never framed. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'; object-src 'none'";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (CollectorEndpointPaths.matches(request)) {
			apply(response, handler instanceof HandlerMethod);
		}
		return true;
	}

	/**
	 * Set the headers.
	 * @param response the response
	 * @param computed whether a controller computes the answer (not a static file)
	 */
	static void apply(HttpServletResponse response, boolean computed) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		if (computed) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
	}

}
