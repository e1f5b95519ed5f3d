package dev.collector.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Declares the {@link JdbcConnectionDetails} of a {@link CollectorTestDatabase}: a
 * private schema on the server found by {@link TestDatabaseServer}, dropped when the
 * context closes.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestDatabaseConfiguration implements ImportAware {

	private TestDatabasePlatform platform;

	@Override
	public void setImportMetadata(AnnotationMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(CollectorTestDatabase.class.getName());
		this.platform = (TestDatabasePlatform) attributes.get("value");
	}

	@Bean
	PrivateSchemaConnectionDetails collectorTestDatabaseConnectionDetails() {
		TestDatabaseServer server = TestDatabaseServer.of(this.platform);
		if (!server.available()) {
			throw new IllegalStateException(
					server.unavailable() + " (CI is set, so the test fails instead of skipping)");
		}
		return PrivateSchemaConnectionDetails.create(this.platform, server);
	}

	/**
	 * Connection details of a schema created for one test context.
	 */
	static final class PrivateSchemaConnectionDetails implements JdbcConnectionDetails, DisposableBean {

		private final TestDatabasePlatform platform;

		private final TestDatabaseServer server;

		private final String schema;

		private PrivateSchemaConnectionDetails(TestDatabasePlatform platform, TestDatabaseServer server,
				String schema) {
			this.platform = platform;
			this.server = server;
			this.schema = schema;
		}

		static PrivateSchemaConnectionDetails create(TestDatabasePlatform platform, TestDatabaseServer server) {
			String schema = "ctest_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
			execute(server,
					((platform == TestDatabasePlatform.POSTGRESQL) ? "CREATE SCHEMA " : "CREATE DATABASE ") + schema);
			return new PrivateSchemaConnectionDetails(platform, server, schema);
		}

		String schema() {
			return this.schema;
		}

		@Override
		public String getJdbcUrl() {
			String url = this.server.url();
			if (this.platform == TestDatabasePlatform.POSTGRESQL) {
				return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
			}
			// jdbc:mariadb://host:port/database?options: replace the database
			int query = url.indexOf('?');
			String base = (query >= 0) ? url.substring(0, query) : url;
			String options = (query >= 0) ? url.substring(query) : "";
			int slash = base.indexOf('/', "jdbc:mariadb://".length());
			return ((slash >= 0) ? base.substring(0, slash) : base) + "/" + this.schema + options;
		}

		@Override
		public String getUsername() {
			return this.server.username();
		}

		@Override
		public String getPassword() {
			return this.server.password();
		}

		@Override
		public void destroy() {
			execute(this.server, (this.platform == TestDatabasePlatform.POSTGRESQL)
					? "DROP SCHEMA IF EXISTS " + this.schema + " CASCADE" : "DROP DATABASE IF EXISTS " + this.schema);
		}

		private static void execute(TestDatabaseServer server, String sql) {
			try (Connection connection = DriverManager.getConnection(server.url(), server.username(),
					server.password()); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not run '" + sql + "' on " + server.url(), ex);
			}
		}

	}

}
