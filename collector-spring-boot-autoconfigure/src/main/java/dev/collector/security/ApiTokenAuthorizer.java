package dev.collector.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;

/**
 * Decides whether a request may act on the collector: POST, PUT, PATCH and DELETE on the
 * protected paths need {@code Authorization: Bearer <collector.security.api-token>}, or,
 * when no token is configured, a caller on this machine. Reads are always allowed.
 * <p>
 * Whether a request is protected is decided on the path as Spring MVC matches it
 * ({@link RequestPathPatterns}) and, once the dispatcher has resolved the handler, also
 * on that handler's mapping: every spelling that reaches a protected handler is
 * protected. Every protected path is protected under {@code /collectors/{name}} too, for
 * any name ({@link CollectorEndpointPaths#underEachCollector}), where each collector
 * answers the same requests. Without a token, the caller must be the loopback TCP peer
 * and the request must not carry forwarding headers (a proxy on this machine relays
 * someone else); the start-up refuses that mode where forwarded headers replace the peer
 * address ({@link LoopbackOnlyBehindProxyException}).
 */
public class ApiTokenAuthorizer {

	private static final Set<String> MUTATING_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final String BEARER = "bearer ";

	private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.\\[\\]%]+");

	/** Headers by which a proxy tells whom it relays (RFC 7239, de facto ones). */
	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

	private final byte[] tokenDigest;

	private final RequestPathPatterns protectedPaths;

	/**
	 * Create an authorizer.
	 * @param apiToken the token, {@code null} or blank for loopback-only
	 * @param protectedPaths patterns of the protected paths, in Spring MVC's syntax; each
	 * is protected under {@link CollectorEndpointPaths#EACH_COLLECTOR} too
	 */
	public ApiTokenAuthorizer(String apiToken, List<String> protectedPaths) {
		this.tokenDigest = StringUtils.hasText(apiToken) ? digest(apiToken.strip()) : null;
		this.protectedPaths = RequestPathPatterns.parse(CollectorEndpointPaths.underEachCollector(protectedPaths));
	}

	/**
	 * Whether a request falls under the protection before its handler is known: a
	 * mutating method on a path that the dispatcher would match to a protected path.
	 * @param request the request
	 * @return {@code true} when {@link #decide} must be asked
	 */
	public boolean isProtected(HttpServletRequest request) {
		return isMutating(request) && this.protectedPaths.matchesRequest(request);
	}

	/**
	 * Whether a request falls under the protection once the dispatcher resolved its
	 * handler: a mutating method on a protected path, or on any path that reached a
	 * handler mapped under a protected path.
	 * @param request the request
	 * @param handlerPattern the pattern of the handler's mapping, {@code null} when
	 * unknown
	 * @return {@code true} when {@link #decide} must be asked
	 */
	public boolean isProtected(HttpServletRequest request, Object handlerPattern) {
		return isMutating(request) && (this.protectedPaths.matchesHandlerPattern(handlerPattern)
				|| this.protectedPaths.matchesRequest(request));
	}

	private static boolean isMutating(HttpServletRequest request) {
		return MUTATING_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT));
	}

	/**
	 * Decide on a protected request.
	 * @param request the request
	 * @return the decision
	 */
	public Decision decide(HttpServletRequest request) {
		if (this.tokenDigest == null) {
			if (!isLoopback(request.getRemoteAddr())) {
				return Decision.REMOTE_WITHOUT_TOKEN;
			}
			// a loopback peer that relays for someone else is a proxy on this machine
			return FORWARDING_HEADERS.stream().anyMatch((name) -> request.getHeader(name) != null)
					? Decision.RELAYED_WITHOUT_TOKEN : Decision.ALLOWED;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Decision.MISSING_TOKEN;
		}
		byte[] presented = digest(authorization.substring(BEARER.length()).strip());
		// digests of equal length, compared in constant time: the answer time tells
		// nothing
		return MessageDigest.isEqual(presented, this.tokenDigest) ? Decision.ALLOWED : Decision.WRONG_TOKEN;
	}

	public boolean hasToken() {
		return this.tokenDigest != null;
	}

	private static boolean isLoopback(String address) {
		// only address literals (what the servlet container reports): never a name lookup
		if (address == null || !ADDRESS_LITERAL.matcher(address).matches()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static byte[] digest(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	/**
	 * What happens to a protected request.
	 */
	public enum Decision {

		/** It may go on. */
		ALLOWED(HttpStatus.OK, null, null),

		/** A token is configured and the request sends none. */
		MISSING_TOKEN(HttpStatus.UNAUTHORIZED, "Authentication required",
				"This endpoint changes the collector: send Authorization: Bearer <collector.security.api-token>"),

		/** A token is configured and the request sends another one. */
		WRONG_TOKEN(HttpStatus.FORBIDDEN, "Invalid token", "The bearer token is not the collector's API token"),

		/** No token is configured and the caller is not on this machine. */
		REMOTE_WITHOUT_TOKEN(HttpStatus.FORBIDDEN, "Loopback only",
				"No collector.security.api-token is set, so this endpoint answers only callers on this machine; "
						+ "set a token to use it remotely"),

		/**
		 * No token is configured and a proxy on this machine relays the request for
		 * someone else.
		 */
		RELAYED_WITHOUT_TOKEN(HttpStatus.FORBIDDEN, "Loopback only",
				"No collector.security.api-token is set, so this endpoint answers only callers on this machine; "
						+ "this request was relayed by a proxy (it carries Forwarded or X-Forwarded-For): "
						+ "set a token to use it through a proxy");

		private final HttpStatus status;

		private final String title;

		private final String detail;

		Decision(HttpStatus status, String title, String detail) {
			this.status = status;
			this.title = title;
			this.detail = detail;
		}

		public HttpStatus status() {
			return this.status;
		}

		public String title() {
			return this.title;
		}

		public String detail() {
			return this.detail;
		}

	}

}
