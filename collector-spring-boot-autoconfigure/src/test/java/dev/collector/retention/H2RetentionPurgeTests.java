package dev.collector.retention;

import dev.collector.testdb.TestDatabase;

class H2RetentionPurgeTests extends AbstractRetentionPurgeTests {

	H2RetentionPurgeTests() {
		super(TestDatabase.H2);
	}

}
