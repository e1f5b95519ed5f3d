package dev.collector.jdbc;

import java.util.List;
import java.util.Map;

/**
 * Tables or columns the collector needs are missing from the database: every run would
 * fail. Thrown at start-up by {@link CollectorSchemaCheck} and explained by
 * {@link CollectorSchemaFailureAnalyzer}.
 */
public class CollectorSchemaException extends RuntimeException {

	private final Map<String, List<String>> missing;

	private final List<String> applicationTables;

	private final String platform;

	private final String script;

	/**
	 * Create the exception.
	 * @param missing missing columns by table; an empty list when the whole table is
	 * missing
	 * @param applicationTables those of the missing tables that are the application's
	 * (the record table)
	 * @param platform the database platform
	 * @param script the location of the framework's DDL for it
	 */
	public CollectorSchemaException(Map<String, List<String>> missing, List<String> applicationTables, String platform,
			String script) {
		super("The collector's tables are incomplete: " + describe(missing));
		this.missing = Map.copyOf(missing);
		this.applicationTables = List.copyOf(applicationTables);
		this.platform = platform;
		this.script = script;
	}

	/**
	 * The tables that are missing or lack columns.
	 * @return their names, in the order checked
	 */
	public List<String> missingTables() {
		return this.missing.keySet().stream().sorted().toList();
	}

	public Map<String, List<String>> missing() {
		return this.missing;
	}

	public List<String> applicationTables() {
		return this.applicationTables;
	}

	public String platform() {
		return this.platform;
	}

	public String script() {
		return this.script;
	}

	static String describe(Map<String, List<String>> missing) {
		StringBuilder text = new StringBuilder();
		missing.keySet().stream().sorted().forEach((table) -> {
			List<String> columns = missing.get(table);
			text.append((text.length() > 0) ? ", " : "")
				.append(table)
				.append(columns.isEmpty() ? " (no such table)"
						: " (missing columns " + String.join(", ", columns) + ")");
		});
		return text.toString();
	}

}
