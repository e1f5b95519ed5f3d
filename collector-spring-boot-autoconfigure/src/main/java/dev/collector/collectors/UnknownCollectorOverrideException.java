package dev.collector.collectors;

import java.util.List;

/**
 * Thrown at start-up when configuration names a collector that the application does not
 * declare: an override {@code collector.collectors.<name>.*}, a
 * {@link CollectorSpecification} or {@code collector.default-collector}. A misspelt name
 * would otherwise leave its collector on the defaults without a word.
 */
public class UnknownCollectorOverrideException extends RuntimeException {

	private final String property;

	private final List<String> unknownNames;

	private final List<String> knownNames;

	UnknownCollectorOverrideException(List<String> unknownNames, List<String> knownNames) {
		this("collector.collectors", unknownNames, knownNames);
	}

	UnknownCollectorOverrideException(String property, List<String> unknownNames, List<String> knownNames) {
		super(property + " names " + unknownNames + ", but the collectors are " + knownNames);
		this.property = property;
		this.unknownNames = List.copyOf(unknownNames);
		this.knownNames = List.copyOf(knownNames);
	}

	/**
	 * The property that names the collectors.
	 * @return the property
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The names that no collector has.
	 * @return the unknown names
	 */
	public List<String> getUnknownNames() {
		return this.unknownNames;
	}

	/**
	 * The names of the application's collectors.
	 * @return the known names
	 */
	public List<String> getKnownNames() {
		return this.knownNames;
	}

}
