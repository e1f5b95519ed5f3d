package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

class PostgresJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	PostgresJdbcRecordSinkTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
