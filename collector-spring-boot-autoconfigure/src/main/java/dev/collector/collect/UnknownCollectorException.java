package dev.collector.collect;

import java.util.List;

/**
 * Thrown when a request or a property names a collector that the application does not
 * declare; answered with 404 on the HTTP paths, and reported with the known names when it
 * fails start-up.
 */
public class UnknownCollectorException extends RuntimeException {

	private final String name;

	private final List<String> knownNames;

	/**
	 * Create a new instance.
	 * @param name the unknown name
	 * @param knownNames the names of the application's collectors
	 */
	public UnknownCollectorException(String name, List<String> knownNames) {
		super("No collector named '" + name + "'; the collectors are " + knownNames);
		this.name = name;
		this.knownNames = List.copyOf(knownNames);
	}

	/**
	 * The unknown name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The names of the application's collectors.
	 * @return the known names
	 */
	public List<String> getKnownNames() {
		return this.knownNames;
	}

}
