package dev.collector.database;

import dev.collector.testdb.TestDatabase;

class PostgresDatabaseOutageTests extends AbstractDatabaseOutageTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
