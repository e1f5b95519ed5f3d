package dev.collector.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks at start-up, after the database was initialised (the collector's script, Flyway,
 * Liquibase), that every table the collector needs exists with its columns, and fails the
 * start with a {@link CollectorSchemaException} naming what is missing.
 * <p>
 * Failing is the right answer: a missing table is a configuration error that no retry
 * repairs, and a service that starts without it reports itself healthy while every run
 * fails. A database that cannot be reached at start-up is not an error here (the service
 * starts and its health reports the outage): the check is then skipped.
 */
public class CollectorSchemaCheck implements InitializingBean {

	private static final Log logger = LogFactory.getLog(CollectorSchemaCheck.class);

	private final JdbcTemplate jdbc;

	private final List<RequiredTables> required;

	private final DatabasePlatform platform;

	private final String scriptLocation;

	/**
	 * Create the check.
	 * @param jdbc the database
	 * @param required what the collector's parts need
	 * @param platform the database platform, for the message
	 * @param scriptLocation the DDL location with its {@code @@platform@@} placeholder
	 */
	public CollectorSchemaCheck(JdbcTemplate jdbc, List<RequiredTables> required, DatabasePlatform platform,
			String scriptLocation) {
		this.jdbc = jdbc;
		this.required = List.copyOf(required);
		this.platform = platform;
		this.scriptLocation = scriptLocation;
	}

	@Override
	public void afterPropertiesSet() {
		check();
	}

	/**
	 * Check every required table.
	 * @throws CollectorSchemaException when tables or columns are missing
	 */
	public void check() {
		Map<String, List<String>> missing = new LinkedHashMap<>();
		List<String> applicationTables = new ArrayList<>();
		try {
			for (RequiredTables tables : this.required) {
				tables.tables().forEach((table, columns) -> {
					List<String> absent = absent(table, columns);
					if (absent != null) {
						missing.put(table, absent);
						if (!tables.framework()) {
							applicationTables.add(table);
						}
					}
				});
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Could not check the collector's tables at start-up (" + ex.getMessage()
					+ "); they are used when the database is back");
			return;
		}
		// the record table is the application's, and may come later (a test, a migration
		// that runs after start-up): said, not fatal
		for (String table : applicationTables) {
			logger.warn("The record table " + table + " "
					+ CollectorSchemaException.describe(Map.of(table, missing.remove(table)))
					+ ": every collection fails until it is created with the columns of the" + " record type");
		}
		if (!missing.isEmpty()) {
			String id = this.platform.id();
			throw new CollectorSchemaException(missing, List.of(), id,
					this.scriptLocation.replace("@@platform@@", "mysql".equals(id) ? "mariadb" : id));
		}
	}

	/**
	 * The missing columns of a table: {@code null} when all are there, an empty list when
	 * the table itself is missing.
	 */
	private List<String> absent(String table, List<String> columns) {
		if (selects(table, String.join(", ", columns))) {
			return null;
		}
		if (!selects(table, "*")) {
			return List.of();
		}
		List<String> absent = new ArrayList<>();
		for (String column : columns) {
			if (!selects(table, column)) {
				absent.add(column);
			}
		}
		return absent;
	}

	/**
	 * Whether a query of the columns succeeds; a grammar error (no such table or column)
	 * is {@code false}, anything else (no connection) propagates.
	 */
	private boolean selects(String table, String columns) {
		try {
			this.jdbc.query("SELECT " + columns + " FROM " + table + " WHERE 1 = 0", (rs) -> {
			});
			return true;
		}
		catch (BadSqlGrammarException ex) {
			return false;
		}
	}

}
