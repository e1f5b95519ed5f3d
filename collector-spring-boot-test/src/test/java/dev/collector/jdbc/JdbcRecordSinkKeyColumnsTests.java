package dev.collector.jdbc;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.schema.RecordSchema;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The sink reads a record's key from its row, so a schema's key columns must be among its
 * columns: a schema of the application's own that breaks this is refused when the sink is
 * built, not found out by wrong duplicate counts.
 */
class JdbcRecordSinkKeyColumnsTests {

	@Test
	void keyColumnThatIsNotWrittenIsRefusedWithItsName() {
		RecordSchema<SinkItem> annotated = AnnotatedRecordSchema.of(SinkItem.class);
		RecordSchema<SinkItem> keyNotWritten = new RecordSchema<>() {
			@Override
			public Class<SinkItem> recordType() {
				return SinkItem.class;
			}

			@Override
			public String table() {
				return annotated.table();
			}

			@Override
			public List<String> columns() {
				return annotated.columns();
			}

			@Override
			public List<String> keyColumns() {
				return List.of("feed", "guid");
			}

			@Override
			public String timestampColumn() {
				return annotated.timestampColumn();
			}

			@Override
			public String symbolColumn() {
				return annotated.symbolColumn();
			}

			@Override
			public Object[] values(SinkItem record) {
				return annotated.values(record);
			}
		};
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcRecordSink<>(keyNotWritten, new DatabasePlatform(null, "h2"), new JdbcTemplate(),
					new TransactionTemplate()))
			.withMessageContaining("Key column 'guid' of table sink_item is not one of its columns");
	}

}
