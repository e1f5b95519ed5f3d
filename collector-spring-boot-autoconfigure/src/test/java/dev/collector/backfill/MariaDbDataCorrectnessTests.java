package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class MariaDbDataCorrectnessTests extends AbstractDataCorrectnessTests {

	MariaDbDataCorrectnessTests() {
		super(TestDatabase.MARIADB);
	}

}
