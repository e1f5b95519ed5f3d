package dev.collector.ops;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.collector.security.CollectorRequestGuardFilter.BodyTooLargeException;

/**
 * RFC 9457 problem answers for the operations endpoints only (status, data quality,
 * performance, logs, alert, validation). The body of a request is never echoed: a
 * malformed body is described, not quoted.
 */
@RestControllerAdvice(assignableTypes = { StatusController.class, DataQualityController.class,
		PerformanceController.class, CircuitBreakerStatusController.class, LogsController.class, AlertController.class,
		ValidateDataController.class })
public class OperationsProblemHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		boolean tooLarge = ex.getCause() instanceof BodyTooLargeException;
		HttpStatus answer = tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(answer,
				tooLarge ? ex.getCause().getMessage() : "The request body is missing or is not valid JSON");
		problem.setTitle(tooLarge ? "Request body too large" : "Malformed request body");
		return handleExceptionInternal(ex, problem, headers, answer, request);
	}

}
