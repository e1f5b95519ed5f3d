package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

class MariaDbJdbcStoresTests extends AbstractJdbcStoresTests {

	MariaDbJdbcStoresTests() {
		super(TestDatabase.MARIADB);
	}

}
