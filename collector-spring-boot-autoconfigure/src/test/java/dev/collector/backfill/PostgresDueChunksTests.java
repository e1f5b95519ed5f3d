package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class PostgresDueChunksTests extends AbstractDueChunksTests {

	PostgresDueChunksTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
