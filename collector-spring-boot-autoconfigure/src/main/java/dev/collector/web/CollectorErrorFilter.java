package dev.collector.web;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.ErrorResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;

import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseFailures;
import dev.collector.database.DatabaseState;
import dev.collector.database.DatabaseUnavailableException;
import dev.collector.security.CollectorEndpointPaths;

/**
 * No Spring default error page on the collector's own paths
 * ({@link CollectorEndpointPaths}): what no controller advice answered becomes an RFC
 * 9457 problem (application/problem+json) here, while the application's other paths keep
 * their own error handling.
 * <ul>
 * <li>an unreachable database (lost, refused, no pooled connection, or turned away by
 * {@link DatabaseAvailabilityInterceptor}): 503 "Database unavailable" with
 * {@code Retry-After};</li>
 * <li>a status that Spring MVC sends as an error (404 for an unknown path under the
 * collector's endpoints, 405, 415, ...): a problem with that status;</li>
 * <li>any other failure: 500, logged here, with no internals in the answer.</li>
 * </ul>
 */
public class CollectorErrorFilter extends OncePerRequestFilter implements OrderedFilter {

	/** Inside the request log, outside the security filters. */
	public static final int ORDER = RequestLoggingFilter.ORDER + 5;

	private static final Logger logger = LoggerFactory.getLogger(CollectorErrorFilter.class);

	private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProblemDetail.class,
			ProblemDetailJacksonMixin.class);

	private final ObjectProvider<DatabaseAvailability> database;

	public CollectorErrorFilter(ObjectProvider<DatabaseAvailability> database) {
		this.database = database;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !CollectorEndpointPaths.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ErrorCapturingResponse capturing = new ErrorCapturingResponse(response);
		try {
			chain.doFilter(request, capturing);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			Throwable failure = (ex instanceof ServletException && ex.getCause() != null) ? ex.getCause() : ex;
			if (response.isCommitted()) {
				throw ex;
			}
			if (DatabaseFailures.isUnavailable(failure)) {
				databaseUnavailable(request, response, failure);
			}
			else {
				logger.error("{} {} failed", request.getMethod(), request.getRequestURI(), failure);
				write(request, response, problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
						"The collector could not answer this request; its log has the details"));
			}
			return;
		}
		if (capturing.errorStatus != 0 && !response.isCommitted()) {
			write(request, response, sentError(request, capturing.errorStatus, capturing.errorMessage));
		}
	}

	private void databaseUnavailable(HttpServletRequest request, HttpServletResponse response, Throwable failure)
			throws IOException {
		DatabaseAvailability availability = this.database.getIfAvailable();
		String reason = (failure instanceof DatabaseUnavailableException unavailable) ? unavailable.getState().reason()
				: null;
		if (reason == null && availability != null) {
			DatabaseState state = availability.state();
			reason = state.available() ? null : state.reason();
		}
		long retryAfter = (availability != null) ? availability.retryAfterSeconds() : 5;
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		write(request, response,
				problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
						"The collector's database is unavailable" + ((reason != null) ? " (" + reason + ")" : "")
								+ "; try again in " + retryAfter + " s"));
	}

	private static ProblemDetail sentError(HttpServletRequest request, int status, String message) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		Object exception = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
		String detail;
		if (status == HttpStatus.NOT_FOUND.value()) {
			detail = "No collector endpoint " + request.getMethod() + " " + request.getRequestURI();
		}
		else if (exception instanceof ErrorResponse error && error.getBody().getDetail() != null) {
			detail = error.getBody().getDetail();
		}
		else {
			detail = (message != null) ? message : title;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
		problem.setTitle(title);
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		try {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		catch (IllegalArgumentException ex) {
			// not a URI the way it arrived: the problem goes without its instance
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Keeps {@code sendError} from handing the request to the container's error page; the
	 * filter answers with a problem instead.
	 */
	private static final class ErrorCapturingResponse extends HttpServletResponseWrapper {

		private int errorStatus;

		private String errorMessage;

		ErrorCapturingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) throws IOException {
			sendError(status, null);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			if (isCommitted()) {
				super.sendError(status, message);
				return;
			}
			this.errorStatus = status;
			this.errorMessage = message;
			setStatus(status);
		}

	}

}
