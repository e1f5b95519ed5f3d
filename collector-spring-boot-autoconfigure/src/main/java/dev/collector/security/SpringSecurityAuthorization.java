package dev.collector.security;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What Spring Security decides in the starter's place, when the application uses it.
 * Without Spring Security, {@link #NONE}: the starter decides everything.
 *
 * @param decidesBeforeTheGuard the requests on which a Spring Security filter chain takes
 * the token decision, so that the guard filter (which runs ahead of Spring Security)
 * leaves them alone
 * @param authenticatedByTheApplication the requests to the collector's endpoints that the
 * application's own {@code collectorSecurityFilterChain} authenticated, which then need
 * no token (asked once the handler is resolved)
 */
record SpringSecurityAuthorization(Predicate<HttpServletRequest> decidesBeforeTheGuard,
		Predicate<HttpServletRequest> authenticatedByTheApplication) {

	/** Spring Security is not in use. */
	static final SpringSecurityAuthorization NONE = new SpringSecurityAuthorization((request) -> false,
			(request) -> false);

}
