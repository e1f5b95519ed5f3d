package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	MariaDbJdbcRecordSinkTests() {
		super(TestDatabase.MARIADB);
	}

	@Test
	void setsTheSessionUpOnlyAtTheFirstBatchOfAConnection() throws SQLException {
		try (Connection connection = schema().dataSource().getConnection()) {
			SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
			JdbcRecordSink<SinkItem> sink = new JdbcRecordSink<>(AnnotatedRecordSchema.of(SinkItem.class),
					new DatabasePlatform(single, null), new JdbcTemplate(single), transactions);
			// the first batch probes the driver and sets the session up (max_error_count)
			sink.write(items("a", 0, 10));
			long start = setStatements(connection);
			// what any transaction costs in SET statements (autocommit off, then on
			// again)
			transactions.executeWithoutResult((status) -> {
			});
			long perTransaction = setStatements(connection) - start;
			sink.write(items("a", 10, 20));
			sink.write(items("a", 20, 30));
			assertThat(setStatements(connection) - start).isEqualTo(3 * perTransaction);
		}
	}

	private static long setStatements(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_set_option'")) {
			assertThat(result.next()).isTrue();
			return result.getLong(2);
		}
	}

}
