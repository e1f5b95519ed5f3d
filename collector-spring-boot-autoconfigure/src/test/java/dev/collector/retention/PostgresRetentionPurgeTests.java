package dev.collector.retention;

import dev.collector.testdb.TestDatabase;

class PostgresRetentionPurgeTests extends AbstractRetentionPurgeTests {

	PostgresRetentionPurgeTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
