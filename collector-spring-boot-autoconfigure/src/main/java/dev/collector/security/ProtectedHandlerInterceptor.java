package dev.collector.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import dev.collector.security.ApiTokenAuthorizer.Decision;

/**
 * The token decision where the handler is already resolved: registered as a
 * {@code MappedInterceptor} bean, it runs in every handler mapping of the application's
 * dispatcher (the collector's controllers, Actuator's endpoints, static resources) and in
 * those of a separate management context ({@code management.server.port}), which picks up
 * the interceptors of its parent. A request is protected when the path the dispatcher
 * matched, or the mapping of the handler it reached, falls under
 * {@code collector.security.protected-paths}; so no spelling of a path reaches a
 * protected handler without the decision, whatever the filters before made of it. Runs
 * before the handler reads the body, and limits it.
 */
class ProtectedHandlerInterceptor implements HandlerInterceptor {

	private final ApiTokenAuthorizer authorizer;

	private final long maxBodySize;

	private final SpringSecurityAuthorization springSecurity;

	ProtectedHandlerInterceptor(ApiTokenAuthorizer authorizer, long maxBodySize,
			SpringSecurityAuthorization springSecurity) {
		this.authorizer = authorizer;
		this.maxBodySize = maxBodySize;
		this.springSecurity = springSecurity;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Object handlerPattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (!this.authorizer.isProtected(request, handlerPattern)) {
			return true;
		}
		if (!this.springSecurity.authenticatedByTheApplication().test(request)) {
			Decision decision = this.authorizer.decide(request);
			if (decision != Decision.ALLOWED) {
				ProblemResponses.write(request, response, decision.status(), decision.title(), decision.detail());
				return false;
			}
		}
		return BodyLimit.enforce(request, response, this.maxBodySize);
	}

}
