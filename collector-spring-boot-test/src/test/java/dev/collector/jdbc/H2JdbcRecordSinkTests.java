package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

class H2JdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	H2JdbcRecordSinkTests() {
		super(TestDatabase.H2);
	}

}
