package dev.collector.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.util.ClassUtils;

/**
 * Where the server of a {@link TestDatabasePlatform} is: from the environment or in a
 * container started once per JVM, or why there is none.
 *
 * @param url the JDBC URL of the server's database
 * @param username the user
 * @param password the password
 * @param unavailable why there is no server, {@code null} when there is one
 */
record TestDatabaseServer(String url, String username, String password, String unavailable) {

	private static final Map<TestDatabasePlatform, TestDatabaseServer> servers = new ConcurrentHashMap<>();

	static TestDatabaseServer of(TestDatabasePlatform platform) {
		return of(platform, System::getenv);
	}

	static TestDatabaseServer of(TestDatabasePlatform platform, Function<String, String> environment) {
		String url = environment.apply(platform.urlVariable());
		if (url != null && !url.isBlank()) {
			String username = environment.apply(platform.usernameVariable());
			String password = environment.apply(platform.passwordVariable());
			return new TestDatabaseServer(url.trim(), (username != null) ? username : platform.defaultUsername(),
					(password != null) ? password : "", null);
		}
		return servers.computeIfAbsent(platform, TestDatabaseServer::container);
	}

	boolean available() {
		return this.unavailable == null;
	}

	private static TestDatabaseServer container(TestDatabasePlatform platform) {
		if (ClassUtils.isPresent("org.testcontainers.DockerClientFactory", TestDatabaseServer.class.getClassLoader())
				&& TestContainers.dockerAvailable()) {
			return TestContainers.start(platform);
		}
		return new TestDatabaseServer(null, null, null,
				"No " + platform.displayName() + " for the tests: set " + platform.urlVariable() + " (optional "
						+ platform.usernameVariable() + ", default " + platform.defaultUsername() + ", and "
						+ platform.passwordVariable()
						+ ") or run a Docker engine with Testcontainers on the class path.");
	}

}
