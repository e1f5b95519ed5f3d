package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class H2DueChunksTests extends AbstractDueChunksTests {

	H2DueChunksTests() {
		super(TestDatabase.H2);
	}

}
