package dev.collector.database;

import dev.collector.testdb.TestDatabase;

class MariaDbDatabaseOutageTests extends AbstractDatabaseOutageTests {

	@Override
	TestDatabase database() {
		return TestDatabase.MARIADB;
	}

}
