package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

class MariaDbJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	MariaDbJdbcRecordSinkTests() {
		super(TestDatabase.MARIADB);
	}

}
