package dev.collector.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;

import dev.collector.testdb.TestDatabase;

/**
 * The sink's contract on MariaDB when the driver runs a batch statement by statement
 * (bulk commands switched off in the URL): the sink must notice and use multi-row
 * statements, whose warnings it can all see.
 */
class MariaDbStatementByStatementJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	private HikariDataSource withoutBulk;

	MariaDbStatementByStatementJdbcRecordSinkTests() {
		super(TestDatabase.MARIADB);
	}

	@Override
	protected DataSource sinkDataSource(DataSource schemaDataSource) {
		if (this.withoutBulk == null) {
			HikariDataSource schema = (HikariDataSource) schemaDataSource;
			this.withoutBulk = new HikariDataSource();
			this.withoutBulk.setJdbcUrl(schema.getJdbcUrl() + (schema.getJdbcUrl().contains("?") ? "&" : "?")
					+ "useBulkStmts=false&useBulkStmtsForInserts=false");
			this.withoutBulk.setUsername(schema.getUsername());
			this.withoutBulk.setPassword(schema.getPassword());
			this.withoutBulk.setCatalog(schema.getCatalog());
			this.withoutBulk.setMaximumPoolSize(4);
		}
		return this.withoutBulk;
	}

	@AfterAll
	void closeDataSource() {
		if (this.withoutBulk != null) {
			this.withoutBulk.close();
		}
	}

}
