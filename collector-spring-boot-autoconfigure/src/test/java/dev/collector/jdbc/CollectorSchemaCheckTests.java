package dev.collector.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The start-up check of the collector's tables: missing tables and columns are named with
 * the way to create them, a missing record table is only a warning, and a database that
 * cannot be reached skips the check.
 */
class CollectorSchemaCheckTests {

	private static final String SCRIPT = "classpath:dev/collector/jdbc/schema-@@platform@@.sql";

	private final JdbcTemplate jdbc = new JdbcTemplate(h2());

	private final RequiredTables framework = () -> Map.of("checkpoint_like", List.of("collector", "position_at"),
			"run_like", List.of("run_id", "parts_failed"));

	@Test
	void passesWhenEveryTableHasItsColumns() {
		this.jdbc.execute("CREATE TABLE checkpoint_like (collector VARCHAR(10), position_at TIMESTAMP)");
		this.jdbc.execute("CREATE TABLE run_like (run_id VARCHAR(10), parts_failed INT)");
		assertThatNoException().isThrownBy(() -> check(this.framework).check());
	}

	@Test
	void namesMissingTablesAndColumnsAndTheWayToCreateThem() {
		// an older version's table, without the newer column
		this.jdbc.execute("CREATE TABLE run_like (run_id VARCHAR(10))");
		assertThatExceptionOfType(CollectorSchemaException.class).isThrownBy(() -> check(this.framework).check())
			.satisfies((missing) -> {
				assertThat(missing.missing()).containsEntry("checkpoint_like", List.of())
					.containsEntry("run_like", List.of("parts_failed"));
				FailureAnalysis analysis = new CollectorSchemaFailureAnalyzer()
					.analyze(new IllegalStateException("context failed", missing));
				assertThat(analysis.getDescription()).contains("checkpoint_like (no such table)",
						"run_like (missing columns parts_failed)");
				assertThat(analysis.getAction()).contains("collector.jdbc.initialize-schema=always",
						"classpath:dev/collector/jdbc/schema-h2.sql", "Flyway");
			});
	}

	@Test
	void aMissingRecordTableIsOnlyAWarning() {
		RequiredTables records = new RequiredTables() {
			@Override
			public Map<String, List<String>> tables() {
				return Map.of("reading_like", List.of("sensor"));
			}

			@Override
			public boolean framework() {
				return false;
			}
		};
		assertThatNoException().isThrownBy(() -> check(records).check());
	}

	@Test
	void anUnreachableDatabaseSkipsTheCheck() {
		DataSource down = new AbstractDataSource() {
			@Override
			public java.sql.Connection getConnection() throws SQLException {
				throw new SQLException("Connection refused", "08001");
			}

			@Override
			public java.sql.Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}
		};
		CollectorSchemaCheck check = new CollectorSchemaCheck(new JdbcTemplate(down), List.of(this.framework),
				new DatabasePlatform(h2(), "h2"), SCRIPT);
		assertThatNoException().isThrownBy(check::check);
	}

	private CollectorSchemaCheck check(RequiredTables tables) {
		return new CollectorSchemaCheck(this.jdbc, List.of(tables),
				new DatabasePlatform(this.jdbc.getDataSource(), "h2"), SCRIPT);
	}

	private static DataSource h2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:schema-check-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

}
