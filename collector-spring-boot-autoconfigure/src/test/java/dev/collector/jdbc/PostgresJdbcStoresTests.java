package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

class PostgresJdbcStoresTests extends AbstractJdbcStoresTests {

	PostgresJdbcStoresTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
