package dev.collector.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What Spring Security decides in the starter's place, when the application uses it.
 * Without Spring Security, {@link #NONE}: the starter decides everything.
 */
interface SpringSecurityAuthorization {

	/** Spring Security is not in use. */
	SpringSecurityAuthorization NONE = new SpringSecurityAuthorization() {

		@Override
		public boolean decidesBeforeTheGuard(HttpServletRequest request) {
			return false;
		}

		@Override
		public boolean authenticatedByTheApplication(HttpServletRequest request) {
			return false;
		}

	};

	/**
	 * Whether a Spring Security filter chain takes the token decision on this request, so
	 * that the guard filter (which runs ahead of Spring Security) leaves it alone.
	 * @param request the request
	 * @return {@code true} when Spring Security decides
	 */
	boolean decidesBeforeTheGuard(HttpServletRequest request);

	/**
	 * Whether the application's own {@code collectorSecurityFilterChain} authenticated
	 * this request to one of the collector's endpoints, which then needs no token.
	 * @param request the request, its handler resolved
	 * @return {@code true} when the application's authentication stands in for the token
	 */
	boolean authenticatedByTheApplication(HttpServletRequest request);

}
