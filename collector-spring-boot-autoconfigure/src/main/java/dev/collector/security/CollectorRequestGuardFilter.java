package dev.collector.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.collector.security.ApiTokenAuthorizer.Decision;

/**
 * The first line of the collector's protection, ahead of Spring Security and of anything
 * that reads the request: refuses a protected request without the token (or from a remote
 * caller when no token is set) and bodies over {@code collector.security.max-body-size},
 * both as problem+json, on the path as the dispatcher will match it. The second line,
 * {@link ProtectedHandlerInterceptor}, decides again once the dispatcher has resolved the
 * handler, whatever the spelling of its path. A refused request never reaches a
 * controller, so it changes nothing.
 * <p>
 * When Spring Security is in use, the collector's filter chain makes the token decision
 * for the collector's own endpoints inside Spring Security's authorization; this filter
 * then leaves those to it, and still guards the other protected paths (Actuator's POSTs
 * such as {@code /actuator/refresh}).
 */
public class CollectorRequestGuardFilter extends OncePerRequestFilter {

	private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final ApiTokenAuthorizer authorizer;

	private final long maxBodySize;

	private final SpringSecurityAuthorization springSecurity;

	public CollectorRequestGuardFilter(ApiTokenAuthorizer authorizer, long maxBodySize) {
		this(authorizer, maxBodySize, SpringSecurityAuthorization.NONE);
	}

	CollectorRequestGuardFilter(ApiTokenAuthorizer authorizer, long maxBodySize,
			SpringSecurityAuthorization springSecurity) {
		this.authorizer = authorizer;
		this.maxBodySize = maxBodySize;
		this.springSecurity = springSecurity;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!METHODS_WITH_BODY.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
			chain.doFilter(request, response);
			return;
		}
		// limited later, by the interceptor, when the handler turns out to be protected
		HttpServletRequest limitable = BodyLimit.wrap(request);
		if (this.authorizer.isProtected(request)) {
			if (!this.springSecurity.decidesBeforeTheGuard().test(request)) {
				Decision decision = this.authorizer.decide(request);
				if (decision != Decision.ALLOWED) {
					ProblemResponses.write(request, response, decision.status(), decision.title(), decision.detail());
					return;
				}
			}
			if (!BodyLimit.enforce(limitable, response, this.maxBodySize)) {
				return;
			}
		}
		chain.doFilter(limitable, response);
	}

	/**
	 * Thrown when a body grows past the limit while it is read.
	 */
	public static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("The request body is larger than " + limit + " bytes (collector.security.max-body-size)");
		}

	}

}
