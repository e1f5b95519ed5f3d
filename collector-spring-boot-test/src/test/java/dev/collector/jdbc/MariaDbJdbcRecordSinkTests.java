package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.WriteResult;
import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	/** How MariaDB prints a {@code DATETIME(6)} as text. */
	private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

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

	@Test
	void batchSentAsSeveralBulkCommandsCountsKeysRepeatedAcrossThemExactly() {
		this.sink.write(items("a", 0, 10));
		// 3,000 rows of about 80 bytes: three bulk commands of 1,000
		List<SinkItem> batch = new ArrayList<>(items("a", 5, 3005));
		// in the last command: a key stored before and one of the first command
		batch.add(SinkItem.of("a", 5));
		batch.add(SinkItem.of("a", 20));
		assertThat(this.sink.write(batch)).isEqualTo(new WriteResult<>(2995, 7, List.of(), 2));
		assertThat(count()).isEqualTo(3005);
	}

	@Test
	void writesInstantsInTheZoneTheDriverWritesThemInWithPreservedInstants() {
		HikariDataSource schemaDataSource = (HikariDataSource) schema().dataSource();
		String url = schemaDataSource.getJdbcUrl();
		try (HikariDataSource zoned = new HikariDataSource()) {
			// a zone with daylight saving time that is not the JVM's: the driver writes
			// an instant's local time in it, and so must the sink's own binding
			zoned.setJdbcUrl(url + (url.contains("?") ? "&" : "?")
					+ "preserveInstants=true&connectionTimeZone=America/New_York");
			zoned.setUsername(schemaDataSource.getUsername());
			zoned.setPassword(schemaDataSource.getPassword());
			zoned.setCatalog(schemaDataSource.getCatalog());
			zoned.setMaximumPoolSize(2);
			JdbcRecordSink<SinkItem> sink = new JdbcRecordSink<>(AnnotatedRecordSchema.of(SinkItem.class),
					new DatabasePlatform(zoned, null), new JdbcTemplate(zoned),
					new TransactionTemplate(new DataSourceTransactionManager(zoned)));
			List<SinkItem> batch = List.of(SinkItem.of("z", 1),
					new SinkItem("z", 2, Instant.parse("2023-11-05T05:30:00.5Z"), null, null, null, null),
					new SinkItem("z", 3, Instant.parse("2023-11-05T06:30:00Z"), null, null, null, null));
			assertThat(sink.write(batch).inserted()).isEqualTo(3);
			JdbcTemplate jdbc = new JdbcTemplate(zoned);
			for (SinkItem item : batch) {
				// found with the driver's own encoding of the instant
				assertThat(jdbc.queryForObject("SELECT seq FROM sink_item WHERE feed = 'z' AND published_at = ?",
						Long.class, JdbcRecordSink.parameter(item.publishedAt())))
					.isEqualTo(item.seq());
				assertThat(schema().jdbcTemplate()
					.queryForObject("SELECT CAST(published_at AS CHAR) FROM sink_item WHERE feed = 'z' AND seq = ?",
							String.class, item.seq()))
					.isEqualTo(
							LocalDateTime.ofInstant(item.publishedAt(), ZoneId.of("America/New_York")).format(STORED));
			}
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
