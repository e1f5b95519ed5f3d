package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class MariaDbBackfillTests extends AbstractBackfillTests {

	MariaDbBackfillTests() {
		super(TestDatabase.MARIADB);
	}

}
