package dev.collector.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers side of {@link TestDatabaseServer}, in a class of its own so that it
 * is loaded only when Testcontainers is on the class path.
 */
final class TestContainers {

	private TestContainers() {
	}

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
	static TestDatabaseServer start(TestDatabasePlatform platform) {
		DockerImageName image = DockerImageName.parse(platform.image());
		JdbcDatabaseContainer<?> container = (platform == TestDatabasePlatform.POSTGRESQL)
				? new PostgreSQLContainer<>(image) : new MariaDBContainer<>(image).withUsername("root");
		container.start();
		return new TestDatabaseServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null);
	}

}
