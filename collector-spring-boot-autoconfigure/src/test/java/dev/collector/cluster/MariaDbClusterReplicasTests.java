package dev.collector.cluster;

import dev.collector.testdb.TestDatabase;

class MariaDbClusterReplicasTests extends AbstractClusterReplicasTests {

	MariaDbClusterReplicasTests() {
		super(TestDatabase.MARIADB);
	}

}
