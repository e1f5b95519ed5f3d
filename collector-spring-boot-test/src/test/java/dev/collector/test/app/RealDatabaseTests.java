package dev.collector.test.app;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase.Replace;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTestDatabase;
import dev.collector.test.CollectorTester;
import dev.collector.test.TestDatabasePlatform;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CollectorTestDatabase} on PostgreSQL and MariaDB: the slice runs on a private
 * schema of the server named by the environment (or a container).
 */
class RealDatabaseTests {

	@Nested
	@CollectorTest(properties = { "prices.url=generated:120", "spring.sql.init.mode=always",
			"collector.jdbc.initialize-schema=always" })
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	@CollectorTestDatabase(TestDatabasePlatform.POSTGRESQL)
	class Postgres {

		@Autowired
		CollectorTester tester;

		@Autowired
		JdbcTemplate jdbc;

		@Autowired
		JdbcConnectionDetails connection;

		@Test
		void collectsIntoAPrivateSchema() {
			assertThat(this.connection.getJdbcUrl()).contains("currentSchema=ctest_");
			assertThat(this.jdbc.queryForObject("SELECT current_schema()", String.class)).startsWith("ctest_");
			assertThat(this.tester.collect()).succeeded().hasInserted(120);
			assertThatTable(this.jdbc, "price").hasRowCount(120);
			assertThat(this.tester.collect()).succeeded().hasInserted(0).hasDuplicates(120);
		}

	}

	@Nested
	@CollectorTest(properties = { "prices.url=generated:80", "spring.sql.init.mode=always",
			"spring.sql.init.schema-locations=classpath:schema-mariadb.sql",
			"collector.jdbc.initialize-schema=always" })
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	@CollectorTestDatabase(TestDatabasePlatform.MARIADB)
	class MariaDb {

		@Autowired
		CollectorTester tester;

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void collectsIntoAPrivateDatabase() {
			assertThat(this.jdbc.queryForObject("SELECT DATABASE()", String.class)).startsWith("ctest_");
			assertThat(this.tester.collect()).succeeded().hasInserted(80);
			assertThatTable(this.jdbc, "price").hasRowCount(80).containsRowWhere("symbol", "S7");
		}

	}

}
