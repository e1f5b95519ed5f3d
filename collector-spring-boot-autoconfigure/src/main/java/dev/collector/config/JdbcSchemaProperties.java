package dev.collector.config;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * The framework's own tables (run history, checkpoints, quarantine).
 */
public class JdbcSchemaProperties {

	/**
	 * Database schema initialization mode for the framework's tables: "embedded" creates
	 * them in embedded databases only, "always" everywhere (the scripts use CREATE TABLE
	 * IF NOT EXISTS), "never" leaves it to your migrations.
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	/**
	 * Location of the SQL script that creates the framework's tables.
	 */
	private String schema = "classpath:dev/collector/jdbc/schema-@@platform@@.sql";

	/**
	 * Platform used in the schema location and for the upsert dialect (h2, postgresql,
	 * mariadb, mysql). Detected from the DataSource when not set.
	 */
	private String platform;

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public String getPlatform() {
		return this.platform;
	}

	public void setPlatform(String platform) {
		this.platform = platform;
	}

}
