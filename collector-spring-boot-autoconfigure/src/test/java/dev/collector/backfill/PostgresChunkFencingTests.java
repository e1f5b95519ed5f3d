package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class PostgresChunkFencingTests extends AbstractChunkFencingTests {

	PostgresChunkFencingTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
