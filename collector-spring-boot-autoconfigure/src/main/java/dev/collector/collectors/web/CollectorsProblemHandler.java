package dev.collector.collectors.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.collector.collect.UnknownCollectorException;

/**
 * RFC 9457 problem answers of the paths that name or list collectors: 404 for an unknown
 * collector, 400 when a path of one collector names none, each with the names in
 * {@code collectors}.
 */
@RestControllerAdvice(assignableTypes = { CollectorsController.class, CollectorAggregatesController.class,
		CollectorChoice.class, UnknownCollectorPaths.class })
public class CollectorsProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail unknownCollector(UnknownCollectorException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Unknown collector");
		problem.setProperty("collector", ex.getName());
		problem.setProperty("collectors", ex.getKnownNames());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail collectorRequired(CollectorRequiredException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Collector required");
		problem.setProperty("collectors", ex.names());
		return problem;
	}

}
