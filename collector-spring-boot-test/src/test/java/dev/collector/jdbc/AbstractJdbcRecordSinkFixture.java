package dev.collector.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.RecordSink;
import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.test.AbstractRecordSinkContractTests;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

/**
 * What the JDBC sink tests stand on: a fresh {@code sink_item} table in a schema of its
 * own on one {@link TestDatabase} for every test, the sink writing to it, and the
 * published sink contract's hooks ({@link AbstractRecordSinkContractTests}) answered for
 * {@link SinkItem}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcRecordSinkFixture extends AbstractRecordSinkContractTests<SinkItem> {

	protected final TestDatabase database;

	protected TestSchema schema;

	private final boolean postgresqlCopy;

	protected JdbcRecordSink<SinkItem> sink;

	protected AbstractJdbcRecordSinkFixture(TestDatabase database) {
		this(database, true);
	}

	protected AbstractJdbcRecordSinkFixture(TestDatabase database, boolean postgresqlCopy) {
		this.database = database;
		this.postgresqlCopy = postgresqlCopy;
	}

	protected TestSchema schema() {
		return this.schema;
	}

	@AfterAll
	void dropSchema() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Override
	protected RecordSink<SinkItem> createSink() {
		if (this.schema == null) {
			// here, not in @BeforeAll: an unavailable database then shows as failed (or,
			// outside CI, skipped) tests
			this.schema = this.database.createSchema();
		}
		this.schema.recreate("sink_item", SinkItem.createTable(this.database));
		this.sink = sink(sinkDataSource(this.schema.dataSource()));
		return this.sink;
	}

	@Override
	protected SinkItem record(int index) {
		return SinkItem.of("a", index);
	}

	@Override
	protected SinkItem withSameKey(SinkItem record) {
		return record.withTitle("another title");
	}

	@Override
	protected List<SinkItem> stored() {
		return SinkItem.stored(this.schema.jdbcTemplate());
	}

	@Override
	protected SinkItem refusedRecord() {
		return SinkItem.of("z", 1).withTitle("x".repeat(SinkItem.TITLE_LENGTH + 1));
	}

	@Override
	protected RecordSink<SinkItem> failingSink() {
		return sink(new ConnectionLostAtCommitDataSource(sinkDataSource(this.schema.dataSource())));
	}

	/**
	 * The DataSource the sink writes through: the schema's, or one with other driver
	 * settings on the same database.
	 * @param schemaDataSource the schema's DataSource
	 * @return the sink's DataSource
	 */
	protected DataSource sinkDataSource(DataSource schemaDataSource) {
		return schemaDataSource;
	}

	private JdbcRecordSink<SinkItem> sink(DataSource dataSource) {
		return sink(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	protected JdbcRecordSink<SinkItem> sink(JdbcTemplate jdbcTemplate, TransactionTemplate transactionTemplate) {
		return new JdbcRecordSink<>(AnnotatedRecordSchema.of(SinkItem.class),
				new DatabasePlatform(this.schema.dataSource(), null), jdbcTemplate, transactionTemplate,
				this.postgresqlCopy);
	}

}
