package dev.collector.jdbc;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The database platform of the collector's DataSource (h2, postgresql, mariadb, mysql):
 * the configured {@code collector.jdbc.platform}, or detected on first use, so that the
 * application starts even while the database is down.
 */
public class DatabasePlatform {

	private final SingletonSupplier<String> platform;

	private final SingletonSupplier<UpsertDialect> dialect;

	public DatabasePlatform(DataSource dataSource, String configured) {
		this.platform = SingletonSupplier
			.of(() -> StringUtils.hasText(configured) ? configured.trim() : detect(dataSource));
		this.dialect = SingletonSupplier.of(() -> UpsertDialect.forPlatform(id()));
	}

	/**
	 * The platform id.
	 * @return e.g. {@code postgresql}
	 */
	public String id() {
		return this.platform.obtain();
	}

	/**
	 * The upsert dialect of the platform.
	 * @return the dialect
	 */
	public UpsertDialect dialect() {
		return this.dialect.obtain();
	}

	private static String detect(DataSource dataSource) {
		try {
			String productName = JdbcUtils.extractDatabaseMetaData(dataSource,
					DatabaseMetaData::getDatabaseProductName);
			DatabaseDriver driver = DatabaseDriver.fromProductName(productName);
			if (driver == DatabaseDriver.UNKNOWN) {
				throw new IllegalStateException("Unknown database '" + productName
						+ "': set collector.jdbc.platform (h2, postgresql, mariadb or mysql) or declare a RecordSink bean");
			}
			return driver.getId();
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot read the database platform: " + ex.getMessage(), ex);
		}
	}

}
