package dev.collector.jdbc;

import java.util.List;
import java.util.Map;

/**
 * Tables (with the columns read or written) that a part of the collector needs in the
 * application's database. {@link CollectorSchemaCheck} verifies all of them at start-up.
 */
@FunctionalInterface
public interface RequiredTables {

	/**
	 * The tables and their columns.
	 * @return columns by table name, in the order to report them
	 */
	Map<String, List<String>> tables();

	/**
	 * Whether a missing table of these is one of the framework's, created by
	 * {@code collector.jdbc.initialize-schema}; the record table is the application's.
	 * @return {@code true} for the framework's tables
	 */
	default boolean framework() {
		return true;
	}

}
