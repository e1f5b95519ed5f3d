package dev.collector.cluster;

import dev.collector.testdb.TestDatabase;

class PostgresClusterReplicasTests extends AbstractClusterReplicasTests {

	PostgresClusterReplicasTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
