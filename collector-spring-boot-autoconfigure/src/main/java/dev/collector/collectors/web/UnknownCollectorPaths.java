package dev.collector.collectors.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;

/**
 * Every path under {@code /collectors/{name}/} that no collector serves: 404, naming the
 * collectors when the name is unknown ({@link CollectorsProblemHandler}). Not a REST
 * controller, so that the OpenAPI description leaves the catch-all out.
 */
@Controller
public class UnknownCollectorPaths {

	private final CollectorRegistry registry;

	public UnknownCollectorPaths(CollectorRegistry registry) {
		this.registry = registry;
	}

	@RequestMapping(CollectorsController.PATH + "/{name}/**")
	public void unknownPath(@PathVariable String name) {
		CollectorUnit unit = this.registry.get(name);
		throw new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unit + " has no such endpoint"), null);
	}

}
