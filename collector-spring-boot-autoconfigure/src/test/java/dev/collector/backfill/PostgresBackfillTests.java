package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class PostgresBackfillTests extends AbstractBackfillTests {

	PostgresBackfillTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
