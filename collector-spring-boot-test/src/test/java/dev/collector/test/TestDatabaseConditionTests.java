package dev.collector.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the database of a {@link CollectorTestDatabase} comes from, and what happens when
 * there is none.
 */
class TestDatabaseConditionTests {

	@Test
	void theEnvironmentNamesTheServer() {
		TestDatabaseServer server = TestDatabaseServer.of(TestDatabasePlatform.POSTGRESQL,
				Map.of("COLLECTOR_TEST_POSTGRES_URL", " jdbc:postgresql://db:5432/x ")::get);
		assertThat(server.available()).isTrue();
		assertThat(server.url()).isEqualTo("jdbc:postgresql://db:5432/x");
		assertThat(server.username()).isEqualTo("postgres");
		assertThat(server.password()).isEmpty();

		TestDatabaseServer mariadb = TestDatabaseServer.of(TestDatabasePlatform.MARIADB,
				Map.of("COLLECTOR_TEST_MARIADB_URL", "jdbc:mariadb://db/x", "COLLECTOR_TEST_MARIADB_USERNAME", "app",
						"COLLECTOR_TEST_MARIADB_PASSWORD", "secret")::get);
		assertThat(mariadb.username()).isEqualTo("app");
		assertThat(mariadb.password()).isEqualTo("secret");
	}

	@Test
	void withoutADatabaseTheTestIsSkippedLocallyAndFailsInCi() {
		TestDatabaseServer none = new TestDatabaseServer(null, null, null,
				"No PostgreSQL: set COLLECTOR_TEST_POSTGRES_URL");
		assertThat(TestDatabaseCondition.evaluate(none, false).isDisabled()).isTrue();
		assertThat(TestDatabaseCondition.evaluate(none, false).getReason())
			.hasValueSatisfying((reason) -> assertThat(reason).contains("COLLECTOR_TEST_POSTGRES_URL"));
		assertThat(TestDatabaseCondition.evaluate(none, true).isDisabled()).as("runs, to fail").isFalse();
		TestDatabaseServer available = new TestDatabaseServer("jdbc:postgresql://db/x", "u", "", null);
		assertThat(TestDatabaseCondition.evaluate(available, true).isDisabled()).isFalse();
	}

}
