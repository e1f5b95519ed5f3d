package dev.collector.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.collector.security.ApiTokenAuthorizer.Decision;

/**
 * The collector's place in Spring Security, when the application uses it: a filter chain
 * for the collector's own endpoints only ({@link CollectorEndpointPaths}, matched with
 * Spring Security's {@link PathPatternRequestMatcher}, which parses and matches the path
 * as Spring MVC does, behind Spring Security's {@code StrictHttpFirewall}), ordered ahead
 * of Spring Boot's default chain, which keeps guarding everything else (Actuator
 * included). Inside it the mutating endpoints are authorized by the API token (or the
 * loopback rule) through an {@link AuthorizationManager}, refusals are problem+json, and
 * CSRF is off because these endpoints take a bearer token, never a session cookie.
 * <p>
 * Replace the chain with a bean named {@code collectorSecurityFilterChain} to put the
 * collector's endpoints under the application's own authentication: a request that chain
 * authenticated then needs no token; one it let through anonymously still does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, PathPatternRequestMatcher.class })
@ConditionalOnBean(
		name = "org.springframework.security.config.annotation.web.configuration.HttpSecurityConfiguration.httpSecurity")
class CollectorSpringSecurityConfiguration {

	static final String CHAIN_BEAN_NAME = "collectorSecurityFilterChain";

	/**
	 * The application declared its own chain for the collector's endpoints (this method's
	 * condition is evaluated after the nested configuration below registered ours).
	 */
	@Bean
	@ConditionalOnMissingBean(SpringSecurityAuthorization.class)
	SpringSecurityAuthorization collectorApplicationChainAuthorization() {
		AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
		return new SpringSecurityAuthorization(CollectorEndpointPaths::matches,
				(request) -> CollectorEndpointPaths.matches(request)
						&& trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(name = CHAIN_BEAN_NAME)
	static class StarterChainConfiguration {

		private final RequestMatcher collectorEndpoints = new OrRequestMatcher(CollectorEndpointPaths.PATTERNS.stream()
			.map((pattern) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
			.toList());

		@Bean(CHAIN_BEAN_NAME)
		@Order(SecurityProperties.BASIC_AUTH_ORDER - 10)
		SecurityFilterChain collectorSecurityFilterChain(HttpSecurity http, ApiTokenAuthorizer authorizer)
				throws Exception {
			AuthorizationManager<RequestAuthorizationContext> apiToken = (authentication,
					context) -> new AuthorizationDecision(authorizer.decide(context.getRequest()) == Decision.ALLOWED);
			http.securityMatcher(this.collectorEndpoints)
				.authorizeHttpRequests((requests) -> requests.requestMatchers(authorizer::isProtected)
					.access(apiToken)
					.anyRequest()
					.permitAll())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache((cache) -> cache.disable())
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint((request, response, ex) -> refuse(authorizer, request, response))
					.accessDeniedHandler((request, response, ex) -> refuse(authorizer, request, response)));
			return http.build();
		}

		/**
		 * The starter's chain decides with the token: the guard filter leaves it the
		 * requests it matches, and no authentication stands in for the token.
		 */
		@Bean
		SpringSecurityAuthorization collectorStarterChainAuthorization() {
			return new SpringSecurityAuthorization(this.collectorEndpoints::matches, (request) -> false);
		}

	}

	/**
	 * Answers with the exact reason: no token (401), a wrong one or a remote caller
	 * (403).
	 */
	private static void refuse(ApiTokenAuthorizer authorizer, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Decision decision = authorizer.decide(request);
		if (decision == Decision.ALLOWED) {
			// the token is right but the application's own rules refused: stay generic
			decision = Decision.WRONG_TOKEN;
		}
		ProblemResponses.write(request, response, decision.status(), decision.title(), decision.detail());
	}

}
