package dev.collector.collectors.web;

import java.util.List;

/**
 * Thrown when a path of one collector is asked without naming one while the application
 * declares several and none is the default; answered with 400 naming the choices.
 */
class CollectorRequiredException extends RuntimeException {

	private final List<String> names;

	CollectorRequiredException(List<String> names) {
		super("This path serves one collector: name it with /collectors/{name}/... or ?collector={name}; "
				+ "the collectors are " + names);
		this.names = List.copyOf(names);
	}

	List<String> names() {
		return this.names;
	}

}
