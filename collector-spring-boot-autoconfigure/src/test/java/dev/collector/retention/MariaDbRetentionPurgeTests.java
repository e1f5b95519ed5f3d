package dev.collector.retention;

import dev.collector.testdb.TestDatabase;

class MariaDbRetentionPurgeTests extends AbstractRetentionPurgeTests {

	MariaDbRetentionPurgeTests() {
		super(TestDatabase.MARIADB);
	}

}
