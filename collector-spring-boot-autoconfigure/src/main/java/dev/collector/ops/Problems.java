package dev.collector.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problem answers thrown from the operations endpoints; the controller advice renders
 * them as application/problem+json.
 */
final class Problems {

	private Problems() {
	}

	static ErrorResponseException badRequest(String title, String detail) {
		return of(HttpStatus.BAD_REQUEST, title, detail);
	}

	static ErrorResponseException of(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
