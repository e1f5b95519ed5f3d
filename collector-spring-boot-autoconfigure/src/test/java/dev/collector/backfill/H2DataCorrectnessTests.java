package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class H2DataCorrectnessTests extends AbstractDataCorrectnessTests {

	H2DataCorrectnessTests() {
		super(TestDatabase.H2);
	}

}
