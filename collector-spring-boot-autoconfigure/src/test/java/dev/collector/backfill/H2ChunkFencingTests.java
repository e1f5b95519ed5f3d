package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class H2ChunkFencingTests extends AbstractChunkFencingTests {

	H2ChunkFencingTests() {
		super(TestDatabase.H2);
	}

}
