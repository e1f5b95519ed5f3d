package dev.collector.web;

import java.util.concurrent.RejectedExecutionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.collector.collect.CollectionInProgressException;

/**
 * RFC 9457 problem answers for the collector's own endpoints only: malformed requests,
 * bad parameters, conflicts. The application's other controllers keep their own error
 * handling.
 */
@RestControllerAdvice(assignableTypes = { CollectController.class, CollectorHealthController.class,
		PrometheusMetricsController.class })
public class CollectorProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail collectionInProgress(CollectionInProgressException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Collection in progress");
		problem.setProperty("running_run_id", ex.getRunningRunId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail shuttingDown(RejectedExecutionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The collector is shutting down and takes no new collections");
		problem.setTitle("Shutting down");
		return problem;
	}

}
