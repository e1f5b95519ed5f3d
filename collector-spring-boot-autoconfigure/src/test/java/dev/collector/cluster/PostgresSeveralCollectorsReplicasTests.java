package dev.collector.cluster;

import dev.collector.testdb.TestDatabase;

class PostgresSeveralCollectorsReplicasTests extends AbstractSeveralCollectorsReplicasTests {

	PostgresSeveralCollectorsReplicasTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
