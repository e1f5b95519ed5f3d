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
import org.springframework.util.AntPathMatcher;
import org.springframework.util.StringUtils;

/**
 * Decides whether a request may act on the collector: POST, PUT, PATCH and DELETE on the
 * protected paths need {@code Authorization: Bearer <collector.security.api-token>}, or,
 * when no token is configured, a loopback caller. Reads are always allowed.
 */
public class ApiTokenAuthorizer {

	private static final Set<String> MUTATING_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final String BEARER = "bearer ";

	private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.\\[\\]%]+");

	private final byte[] tokenDigest;

	private final List<String> protectedPaths;

	private final AntPathMatcher matcher = new AntPathMatcher();

	/**
	 * Create an authorizer.
	 * @param apiToken the token, {@code null} or blank for loopback-only
	 * @param protectedPaths Ant patterns of the protected paths
	 */
	public ApiTokenAuthorizer(String apiToken, List<String> protectedPaths) {
		this.tokenDigest = StringUtils.hasText(apiToken) ? digest(apiToken.strip()) : null;
		this.protectedPaths = List.copyOf(protectedPaths);
	}

	/**
	 * Whether a request falls under the protection: a mutating method on a protected
	 * path.
	 * @param request the request
	 * @return {@code true} when {@link #decide} must be asked
	 */
	public boolean isProtected(HttpServletRequest request) {
		if (!MUTATING_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
			return false;
		}
		String path = CollectorEndpointPaths.pathWithinApplication(request);
		return this.protectedPaths.stream().anyMatch((pattern) -> this.matcher.match(pattern, path));
	}

	/**
	 * Decide on a protected request.
	 * @param request the request
	 * @return the decision
	 */
	public Decision decide(HttpServletRequest request) {
		if (this.tokenDigest == null) {
			return isLoopback(request.getRemoteAddr()) ? Decision.ALLOWED : Decision.REMOTE_WITHOUT_TOKEN;
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
						+ "set a token to use it remotely");

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
