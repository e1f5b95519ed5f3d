package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

/**
 * The sink contract on PostgreSQL with multi-row statements: the way without pgJDBC's
 * {@code COPY}.
 */
class PostgresStatementsJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	PostgresStatementsJdbcRecordSinkTests() {
		super(TestDatabase.POSTGRESQL, false);
	}

}
