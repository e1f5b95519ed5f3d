package dev.collector.test;

import java.util.Locale;

/**
 * The real databases {@link CollectorTestDatabase} can run a test on.
 */
public enum TestDatabasePlatform {

	/** PostgreSQL: a private schema in the given database. */
	POSTGRESQL("COLLECTOR_TEST_POSTGRES", "postgres", "postgres:15-alpine"),

	/** MariaDB (or MySQL): a private database on the given server. */
	MARIADB("COLLECTOR_TEST_MARIADB", "root", "mariadb:10.11");

	private final String variablePrefix;

	private final String defaultUsername;

	private final String image;

	TestDatabasePlatform(String variablePrefix, String defaultUsername, String image) {
		this.variablePrefix = variablePrefix;
		this.defaultUsername = defaultUsername;
		this.image = image;
	}

	/**
	 * The environment variable holding the JDBC URL.
	 * @return e.g. {@code COLLECTOR_TEST_POSTGRES_URL}
	 */
	public String urlVariable() {
		return this.variablePrefix + "_URL";
	}

	String usernameVariable() {
		return this.variablePrefix + "_USERNAME";
	}

	String passwordVariable() {
		return this.variablePrefix + "_PASSWORD";
	}

	String defaultUsername() {
		return this.defaultUsername;
	}

	String image() {
		return this.image;
	}

	String displayName() {
		return (this == POSTGRESQL) ? "PostgreSQL" : "MariaDB";
	}

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
