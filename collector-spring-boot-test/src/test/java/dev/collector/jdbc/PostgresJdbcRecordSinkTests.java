package dev.collector.jdbc;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink contract on PostgreSQL through {@code COPY} into a staging table, the default.
 */
class PostgresJdbcRecordSinkTests extends AbstractJdbcRecordSinkTests {

	PostgresJdbcRecordSinkTests() {
		super(TestDatabase.POSTGRESQL);
	}

	@Test
	void writesThroughATemporaryStagingTable() {
		JdbcRecordSink<SinkItem> sink = new JdbcRecordSink<>(AnnotatedRecordSchema.of(SinkItem.class),
				new DatabasePlatform(schema().dataSource(), null), schema().jdbcTemplate(),
				schema().transactionTemplate());
		sink.write(List.of(SinkItem.of("a", 1)));
		Integer stagingTables = schema().jdbcTemplate()
			.queryForObject("SELECT COUNT(*) FROM pg_class WHERE relname = ? AND relpersistence = 't'", Integer.class,
					PostgresCopyInserter.stagingTable("sink_item"));
		assertThat(stagingTables).isPositive();
	}

}
