package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class MariaDbDueChunksTests extends AbstractDueChunksTests {

	MariaDbDueChunksTests() {
		super(TestDatabase.MARIADB);
	}

}
