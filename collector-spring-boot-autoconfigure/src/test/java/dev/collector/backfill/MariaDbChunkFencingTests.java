package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class MariaDbChunkFencingTests extends AbstractChunkFencingTests {

	MariaDbChunkFencingTests() {
		super(TestDatabase.MARIADB);
	}

}
