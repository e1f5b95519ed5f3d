package dev.collector.backfill;

import dev.collector.testdb.TestDatabase;

class PostgresDataCorrectnessTests extends AbstractDataCorrectnessTests {

	PostgresDataCorrectnessTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
