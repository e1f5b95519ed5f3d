package dev.collector.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.util.StringUtils;

import dev.collector.config.JdbcSchemaProperties;

/**
 * Creates the framework's tables from {@code schema-@@platform@@.sql}, as configured by
 * {@code collector.jdbc.*}. Being a {@link DataSourceScriptDatabaseInitializer}, it is
 * detected by Spring Boot, so beans that depend on database initialization start after
 * it.
 */
public class CollectorDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	public CollectorDataSourceScriptDatabaseInitializer(DataSource dataSource, JdbcSchemaProperties properties) {
		super(dataSource, settings(dataSource, properties));
	}

	static DatabaseInitializationSettings settings(DataSource dataSource, JdbcSchemaProperties properties) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(properties.getInitializeSchema());
		if (properties.getInitializeSchema() == DatabaseInitializationMode.NEVER) {
			// resolving the platform would connect: not needed when nothing runs
			return settings;
		}
		// MySQL reads the MariaDB script: the two dialects share it
		PlatformPlaceholderDatabaseDriverResolver resolver = new PlatformPlaceholderDatabaseDriverResolver()
			.withDriverPlatform(DatabaseDriver.MYSQL, "mariadb");
		List<String> locations = StringUtils.hasText(properties.getPlatform())
				? resolver.resolveAll(scriptPlatform(properties.getPlatform()), properties.getSchema())
				: resolver.resolveAll(dataSource, properties.getSchema());
		settings.setSchemaLocations(locations);
		settings.setContinueOnError(false);
		return settings;
	}

	private static String scriptPlatform(String platform) {
		String id = platform.trim().toLowerCase(java.util.Locale.ROOT);
		return "mysql".equals(id) ? "mariadb" : id;
	}

}
