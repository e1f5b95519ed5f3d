package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class H2BackfillTests extends AbstractBackfillTests {

	H2BackfillTests() {
		super(TestDatabase.H2);
	}

}
