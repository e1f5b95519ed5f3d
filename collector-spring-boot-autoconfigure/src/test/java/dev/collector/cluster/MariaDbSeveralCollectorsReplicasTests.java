package dev.collector.cluster;

import dev.collector.testdb.TestDatabase;

class MariaDbSeveralCollectorsReplicasTests extends AbstractSeveralCollectorsReplicasTests {

	MariaDbSeveralCollectorsReplicasTests() {
		super(TestDatabase.MARIADB);
	}

}
