package dev.collector.collect;

import java.util.List;

/**
 * The application declares more than one {@link Collector} bean; the starter runs one
 * collector per application.
 */
public class MultipleCollectorsException extends RuntimeException {

	private final List<String> collectors;

	public MultipleCollectorsException(List<String> collectors) {
		super("Found " + collectors.size() + " Collector beans " + collectors + "; the starter runs exactly one");
		this.collectors = List.copyOf(collectors);
	}

	public List<String> getCollectors() {
		return this.collectors;
	}

}
