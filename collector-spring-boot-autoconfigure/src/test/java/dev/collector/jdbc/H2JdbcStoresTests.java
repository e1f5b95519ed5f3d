package dev.collector.jdbc;

import dev.collector.testdb.TestDatabase;

class H2JdbcStoresTests extends AbstractJdbcStoresTests {

	H2JdbcStoresTests() {
		super(TestDatabase.H2);
	}

}
