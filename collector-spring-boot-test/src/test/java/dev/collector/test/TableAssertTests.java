package dev.collector.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static dev.collector.test.CollectorAssertions.assertThatQuarantine;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Table and quarantine assertions pass on what is stored and fail, saying what is there,
 * on anything else.
 */
class TableAssertTests {

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void createTables() {
		jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:table-assert;DB_CLOSE_DELAY=-1", "sa", ""));
		jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
		jdbc.execute("INSERT INTO item VALUES (1, 'one'), (2, 'two')");
		jdbc.execute("CREATE TABLE collector_quarantine (id INT PRIMARY KEY, run_id VARCHAR(36), reason VARCHAR(100), "
				+ "payload CLOB)");
		jdbc.execute("INSERT INTO collector_quarantine VALUES (1, 'r1', 'name: must not be blank', '{\"id\":3}'), "
				+ "(2, 'r2', 'id: must be positive', '{\"id\":-1}')");
	}

	@AfterAll
	static void dropDatabase() {
		jdbc.execute("SHUTDOWN");
	}

	@Test
	void rowsAndColumns() {
		assertThatTable(jdbc, "item").hasRowCount(2)
			.containsRowWhere("name", "two")
			.column("name")
			.containsExactly("one", "two");
		assertThatTable(jdbc, "item").rows().hasSize(2);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatTable(jdbc, "item").isEmpty())
			.withMessageContaining("Expected 0 row(s) in item but found 2");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatTable(jdbc, "item").containsRowWhere("name", "three"))
			.withMessageContaining("with name = <three>");
	}

	@Test
	void quarantineOfOneRun() {
		assertThatQuarantine(jdbc).hasRowCount(2)
			.reasons()
			.containsExactly("name: must not be blank", "id: must be positive");
		assertThatQuarantine(jdbc, "r2").hasRowCount(1)
			.containsRowWhere("reason", "id: must be positive")
			.payloads()
			.containsExactly("{\"id\":-1}");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatQuarantine(jdbc, "r2").containsRowWhere("reason", "name: must not be blank"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatQuarantine(jdbc, "r3").hasRowCount(1))
			.withMessageContaining("WHERE run_id = ?");
	}

	@Test
	void namesAreCheckedBeforeTheyReachSql() {
		assertThatIllegalArgumentException().isThrownBy(() -> assertThatTable(jdbc, "item; DROP TABLE item"));
		assertThatIllegalArgumentException().isThrownBy(() -> assertThatTable(jdbc, "item").column("name --"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> assertThatTable(jdbc, "item").containsRowWhere("1=1 OR name", "x"));
	}

}
