package dev.collector.collectors.web;

import org.springframework.web.bind.annotation.RequestParam;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.UnknownCollectorException;

/**
 * Answers a path of one collector asked without the {@code /collectors/<name>} prefix
 * when the application declares several collectors and the request names none that
 * exists: 404 for an unknown {@code ?collector=} name, else 400, both naming the
 * collectors ({@link CollectorsProblemHandler}).
 */
class CollectorChoice {

	private final CollectorRegistry registry;

	CollectorChoice(CollectorRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Refuse the request.
	 * @param collector the name the request gave, if any
	 * @return never
	 */
	public Object answer(@RequestParam(name = CollectorSelection.PARAMETER, required = false) String collector) {
		if (collector != null && !collector.isBlank()) {
			throw new UnknownCollectorException(collector.trim(), this.registry.names());
		}
		throw new CollectorRequiredException(this.registry.names());
	}

}
