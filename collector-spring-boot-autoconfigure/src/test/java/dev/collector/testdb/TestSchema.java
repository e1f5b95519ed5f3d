package dev.collector.testdb;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private, initially empty schema on a {@link TestDatabase}: unqualified table names
 * resolve into it. Closing it drops it with everything in it.
 */
public final class TestSchema implements AutoCloseable {

	private final TestDatabase database;

	private final String name;

	private final DataSource dataSource;

	private final Runnable dropper;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactionTemplate;

	private final Connection connection;

	TestSchema(TestDatabase database, String name, DataSource dataSource, Runnable dropper, Connection connection) {
		this.connection = connection;
		this.database = database;
		this.name = name;
		this.dataSource = dataSource;
		this.dropper = dropper;
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.transactionTemplate = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	public TestDatabase database() {
		return this.database;
	}

	/**
	 * The schema's name (a PostgreSQL schema, a MariaDB database, an H2 database).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * A pooled DataSource whose connections use this schema.
	 * @return the DataSource
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	/**
	 * A transaction template over a {@link DataSourceTransactionManager} of this schema.
	 * @return the template
	 */
	public TransactionTemplate transactionTemplate() {
		return this.transactionTemplate;
	}

	/**
	 * Drop the table if it exists and create it again.
	 * @param table the table name
	 * @param createSql its {@code CREATE TABLE} statement
	 */
	public void recreate(String table, String createSql) {
		this.jdbcTemplate.execute("DROP TABLE IF EXISTS " + table);
		this.jdbcTemplate.execute(createSql);
	}

	/**
	 * How another JVM connects to this schema (a server database only).
	 * @return the JDBC URL, user and password, or {@code null} for H2 in memory
	 */
	public Connection connection() {
		return this.connection;
	}

	@Override
	public void close() {
		this.dropper.run();
	}

	@Override
	public String toString() {
		return this.database.platform() + ":" + this.name;
	}

	/**
	 * How to connect to a schema.
	 *
	 * @param url the JDBC URL, the schema being the default one
	 * @param username the user
	 * @param password the password
	 */
	public record Connection(String url, String username, String password) {
	}

}
