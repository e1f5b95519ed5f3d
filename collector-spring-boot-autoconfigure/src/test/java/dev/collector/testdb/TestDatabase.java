package dev.collector.testdb;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The databases the JDBC tests run on, each giving {@link TestSchema private schemas}.
 * <p>
 * A server database (PostgreSQL, MariaDB) is found, in this order:
 * <ol>
 * <li>from the environment: {@code COLLECTOR_TEST_POSTGRES_URL} /
 * {@code COLLECTOR_TEST_MARIADB_URL}, with optional {@code _USERNAME} and
 * {@code _PASSWORD} (defaults {@code postgres} / {@code root} with an empty
 * password);</li>
 * <li>else in a Testcontainers container, when a Docker engine is available;</li>
 * <li>else the test fails when {@code CI} is set (a database test never skips silently in
 * CI), and is aborted (skipped) on a developer machine, saying which variable to
 * set.</li>
 * </ol>
 * Every test class takes its own schema (PostgreSQL schema, MariaDB database, H2
 * in-memory database) and drops it at the end, so tests are repeatable and never touch
 * tables that other tests or processes use at the same time, not even the framework's
 * own.
 */
public enum TestDatabase {

	/** H2 in memory: always available. */
	H2("h2", null, null, null),

	/** PostgreSQL 15 or later. */
	POSTGRESQL("postgresql", "COLLECTOR_TEST_POSTGRES", "postgres", "postgres:15-alpine"),

	/** MariaDB 10.11 or later. */
	MARIADB("mariadb", "COLLECTOR_TEST_MARIADB", "root", "mariadb:10.11");

	/**
	 * Prefix of the private schemas; leftovers of killed runs are dropped after an hour.
	 */
	static final String SCHEMA_PREFIX = "cit_";

	private static final long LEFTOVER_AGE_SECONDS = 3600;

	private static final Map<TestDatabase, Server> servers = new ConcurrentHashMap<>();

	private final String platform;

	private final String envPrefix;

	private final String defaultUsername;

	private final String image;

	TestDatabase(String platform, String envPrefix, String defaultUsername, String image) {
		this.platform = platform;
		this.envPrefix = envPrefix;
		this.defaultUsername = defaultUsername;
		this.image = image;
	}

	/**
	 * The platform id, as {@code collector.jdbc.platform} names it.
	 * @return h2, postgresql or mariadb
	 */
	public String platform() {
		return this.platform;
	}

	/**
	 * Whether every instant comes back as it was stored in this JVM. Not on MariaDB when
	 * the JVM's zone has daylight saving time: the framework's {@code DATETIME} columns
	 * hold the JVM's local time, and the hour that repeats when DST ends maps to one.
	 * @return {@code false} only then
	 */
	public boolean keepsEveryInstant() {
		return this != MARIADB || ZoneId.systemDefault().getRules().isFixedOffset();
	}

	/**
	 * A new, empty schema of this database, for one test class. Fails or aborts the test
	 * (see the class comment) when the database is not available.
	 * @return the schema; close it to drop it
	 */
	public TestSchema createSchema() {
		String name = SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_"
				+ Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
		if (this == H2) {
			HikariDataSource dataSource = pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", name);
			return new TestSchema(this, name, dataSource, () -> {
				new JdbcTemplate(dataSource).execute("SHUTDOWN");
				dataSource.close();
			}, null);
		}
		Server server = server();
		JdbcTemplate admin = new JdbcTemplate(server.admin());
		admin.execute(((this == POSTGRESQL) ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
		HikariDataSource dataSource = pool(server.url(), server.username(), server.password(), name);
		if (this == POSTGRESQL) {
			dataSource.setSchema(name);
		}
		else {
			dataSource.setCatalog(name);
		}
		return new TestSchema(this, name, dataSource, () -> {
			dataSource.close();
			drop(admin, name);
		}, new TestSchema.Connection(schemaUrl(server.url(), name), server.username(), server.password()));
	}

	/** The server's URL with the schema as the default one, for another JVM. */
	private String schemaUrl(String url, String name) {
		if (this == POSTGRESQL) {
			return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
		}
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		String parameters = (query >= 0) ? url.substring(query) : "";
		int slash = base.indexOf('/', base.indexOf("//") + 2);
		return ((slash >= 0) ? base.substring(0, slash) : base) + "/" + name + parameters;
	}

	private Server server() {
		Server server = servers.computeIfAbsent(this, (database) -> {
			Server found = database.findServer();
			if (found.unavailable() != null) {
				System.err.println("WARNING: " + found.unavailable());
			}
			return found;
		});
		if (server.unavailable() != null) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(
						server.unavailable() + " CI is set, so this database test fails instead of being skipped.");
			}
			Assumptions.assumeTrue(false, server.unavailable() + " Skipping this database test.");
		}
		return server;
	}

	private Server findServer() {
		String url = System.getenv(this.envPrefix + "_URL");
		if (url != null && !url.isBlank()) {
			String username = env(this.envPrefix + "_USERNAME", this.defaultUsername);
			String password = env(this.envPrefix + "_PASSWORD", "");
			return started(url.trim(), username, password);
		}
		if (dockerAvailable()) {
			JdbcDatabaseContainer<?> container = (this == POSTGRESQL)
					? new PostgreSQLContainer<>(DockerImageName.parse(this.image))
					: new MariaDBContainer<>(DockerImageName.parse(this.image)).withUsername("root");
			container.start();
			return started(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		String name = (this == POSTGRESQL) ? "PostgreSQL" : "MariaDB";
		String example = (this == POSTGRESQL) ? "jdbc:postgresql://127.0.0.1:5432/test"
				: "jdbc:mariadb://127.0.0.1:3306/test";
		return new Server(null, null, null, null,
				"No " + name + " for the tests: set " + this.envPrefix + "_URL (e.g. " + example + "; optional "
						+ this.envPrefix + "_USERNAME, default " + this.defaultUsername + ", and " + this.envPrefix
						+ "_PASSWORD, default empty) or run a Docker engine for Testcontainers.");
	}

	private Server started(String url, String username, String password) {
		HikariDataSource admin = pool(url, username, password, this.platform + "-admin");
		admin.setMaximumPoolSize(2);
		dropLeftovers(new JdbcTemplate(admin));
		Runtime.getRuntime().addShutdownHook(new Thread(admin::close));
		return new Server(url, username, password, admin, null);
	}

	/** Drop the private schemas of runs that were killed before they could drop them. */
	private void dropLeftovers(JdbcTemplate admin) {
		long before = Instant.now().getEpochSecond() - LEFTOVER_AGE_SECONDS;
		List<String> names = admin.queryForList(
				"SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'cit\\_%'", String.class);
		for (String name : names) {
			String[] parts = name.toLowerCase(Locale.ROOT).split("_");
			try {
				if (parts.length == 3 && Long.parseLong(parts[1]) < before) {
					drop(admin, name);
				}
			}
			catch (RuntimeException ex) {
				// another run dropped it first, or not one of ours
			}
		}
	}

	private void drop(JdbcTemplate admin, String name) {
		admin.execute((this == POSTGRESQL) ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
				: "DROP DATABASE IF EXISTS " + name);
	}

	private static HikariDataSource pool(String url, String username, String password, String name) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(username);
		dataSource.setPassword(password);
		dataSource.setPoolName("test-" + name);
		dataSource.setMaximumPoolSize(4);
		dataSource.setMinimumIdle(0);
		dataSource.setConnectionTimeout(10_000);
		dataSource.setInitializationFailTimeout(-1);
		return dataSource;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	private record Server(String url, String username, String password, HikariDataSource admin, String unavailable) {
	}

}
