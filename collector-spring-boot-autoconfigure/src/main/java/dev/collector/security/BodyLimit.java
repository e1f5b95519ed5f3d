package dev.collector.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.WebUtils;

import dev.collector.security.CollectorRequestGuardFilter.BodyTooLargeException;

/**
 * The size limit of a protected request's body
 * ({@code collector.security.max-body-size}). The guard filter wraps every request that
 * may carry a body, before anything reads it; the wrapper counts only once it is armed,
 * by the filter or by the handler interceptor, whichever first sees that the request is
 * protected. So the user's own endpoints keep their bodies unlimited, and a protected one
 * is limited however its path was spelled.
 */
final class BodyLimit {

	private BodyLimit() {
	}

	/**
	 * Wrap a request so that its body can be limited later.
	 * @param request the request
	 * @return the wrapper, not yet counting
	 */
	static HttpServletRequest wrap(HttpServletRequest request) {
		return new LimitedRequest(request);
	}

	/**
	 * Limit a protected request's body: an announced length over the limit is refused
	 * with 413 before anything reads it, an unannounced one (chunked) fails while it is
	 * read past the limit.
	 * @param request the request, possibly wrapped around the guard's wrapper
	 * @param response the response
	 * @param limit the largest body, in bytes
	 * @return {@code false} when the request was refused
	 * @throws IOException when the refusal cannot be written
	 */
	static boolean enforce(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
					"The body has " + request.getContentLengthLong() + " bytes; at most " + limit
							+ " are accepted (collector.security.max-body-size)");
			return false;
		}
		LimitedRequest limited = WebUtils.getNativeRequest(request, LimitedRequest.class);
		if (limited != null) {
			limited.limit(limit);
		}
		return true;
	}

	/**
	 * A request whose body fails to read beyond the limit, once one is set.
	 */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private long limit = Long.MAX_VALUE;

		private LimitedInputStream stream;

		private BufferedReader reader;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		void limit(long limit) {
			this.limit = Math.min(this.limit, limit);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return this.reader;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final LimitedRequest request;

		private long read;

		LimitedInputStream(ServletInputStream delegate, LimitedRequest request) {
			this.delegate = delegate;
			this.request = request;
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
			if (this.read > this.request.limit) {
				throw new BodyTooLargeException(this.request.limit);
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
