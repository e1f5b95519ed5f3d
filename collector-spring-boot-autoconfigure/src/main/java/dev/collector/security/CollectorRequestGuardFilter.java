package dev.collector.security;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.collector.security.ApiTokenAuthorizer.Decision;

/**
 * Guards the collector's mutating endpoints before anything reads the request: checks the
 * bearer token (or the loopback caller) with {@link ApiTokenAuthorizer} and refuses
 * bodies over {@code collector.security.max-body-size}, both as problem+json. A refused
 * request never reaches a controller, so it changes nothing.
 * <p>
 * When Spring Security is in use, the collector's filter chain makes the token decision
 * for the collector's own endpoints inside Spring Security's authorization; this filter
 * then only limits their bodies, and still guards the other protected paths (Actuator's
 * POSTs such as {@code /actuator/refresh}) ahead of the application's own chain.
 */
public class CollectorRequestGuardFilter extends OncePerRequestFilter {

	private final ApiTokenAuthorizer authorizer;

	private final long maxBodySize;

	private final Predicate<HttpServletRequest> authorizedBySpringSecurity;

	public CollectorRequestGuardFilter(ApiTokenAuthorizer authorizer, long maxBodySize) {
		this(authorizer, maxBodySize, (request) -> false);
	}

	/**
	 * Create a guard that leaves the token decision on some requests to Spring Security.
	 * @param authorizer the token decision
	 * @param maxBodySize the largest body, in bytes
	 * @param authorizedBySpringSecurity the requests whose token Spring Security checks
	 */
	public CollectorRequestGuardFilter(ApiTokenAuthorizer authorizer, long maxBodySize,
			Predicate<HttpServletRequest> authorizedBySpringSecurity) {
		this.authorizer = authorizer;
		this.maxBodySize = maxBodySize;
		this.authorizedBySpringSecurity = authorizedBySpringSecurity;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.authorizer.isProtected(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.authorizedBySpringSecurity.test(request)) {
			Decision decision = this.authorizer.decide(request);
			if (decision != Decision.ALLOWED) {
				ProblemResponses.write(request, response, decision.status(), decision.title(), decision.detail());
				return;
			}
		}
		if (request.getContentLengthLong() > this.maxBodySize) {
			ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
					"The body has " + request.getContentLengthLong() + " bytes; at most " + this.maxBodySize
							+ " are accepted (collector.security.max-body-size)");
			return;
		}
		// chunked bodies announce no length: count while they are read
		chain.doFilter(new SizeLimitedRequest(request, this.maxBodySize), response);
	}

	/**
	 * A request whose body fails to read beyond the limit.
	 */
	static final class SizeLimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		SizeLimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	/**
	 * Thrown when a body grows past the limit while it is read.
	 */
	public static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("The request body is larger than " + limit + " bytes (collector.security.max-body-size)");
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > this.limit) {
				throw new BodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
