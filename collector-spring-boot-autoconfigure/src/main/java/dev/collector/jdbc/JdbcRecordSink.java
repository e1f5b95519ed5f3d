package dev.collector.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.collector.collect.RecordSink;
import dev.collector.collect.WriteResult.RejectedRecord;
import dev.collector.collect.WriteResult;
import dev.collector.schema.RecordSchema;

/**
 * The default {@link RecordSink}: writes a batch to the record's table in one transaction
 * with idempotent inserts, and reports the inserted and duplicate counts the database
 * returns. On PostgreSQL (with pgJDBC) the batch goes through {@code COPY} into a staging
 * table and one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}
 * ({@link PostgresCopyInserter}); on MariaDB through a bulk batch of
 * {@code INSERT IGNORE}s ({@link MariaDbBulkInserter}); on H2 through a batch of plain
 * {@code INSERT}s whose duplicate-key failures are the duplicates
 * ({@link H2BatchInserter}); otherwise through multi-row statements of the platform's
 * {@link UpsertDialect}.
 * <p>
 * Records with the same key inside one batch are sent once (the others count as
 * duplicates), unless the database skips and counts them itself (the H2 batch and the
 * MariaDB bulk command). When the database refuses a batch for its content (a constraint,
 * a value too long), the batch is rolled back and written again in halves, each in its
 * own transaction, down to single rows: the refused rows come back as
 * {@link WriteResult#rejected() rejected} and the others are stored. Any other failure
 * (connection lost, ...) propagates, and nothing of the batch is assumed stored.
 *
 * @param <T> the record type
 */
public class JdbcRecordSink<T> implements RecordSink<T> {

	/**
	 * pgJDBC is optional: {@link PostgresCopyInserter} is loaded only when it is present.
	 */
	private static final String PG_CONNECTION = "org.postgresql.PGConnection";

	private final RecordSchema<T> schema;

	private final DatabasePlatform platform;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactionTemplate;

	/** Where the key columns are among the columns. */
	private final int[] keyIndexes;

	/** Chosen on first use: the platform is detected lazily. */
	private final SingletonSupplier<RowInserter> inserter;

	/**
	 * A sink that uses {@code COPY} on PostgreSQL when pgJDBC is present.
	 * @param schema the record schema
	 * @param platform the database platform
	 * @param jdbcTemplate the template of the collector's DataSource
	 * @param transactionTemplate one transaction per batch
	 */
	public JdbcRecordSink(RecordSchema<T> schema, DatabasePlatform platform, JdbcTemplate jdbcTemplate,
			TransactionTemplate transactionTemplate) {
		this(schema, platform, jdbcTemplate, transactionTemplate, true);
	}

	/**
	 * A sink that may be told not to use {@code COPY} on PostgreSQL.
	 * @param schema the record schema
	 * @param platform the database platform
	 * @param jdbcTemplate the template of the collector's DataSource
	 * @param transactionTemplate one transaction per batch
	 * @param postgresqlCopy whether to write through a {@code COPY} into a staging table
	 * on PostgreSQL (when pgJDBC is present) rather than with multi-row statements
	 */
	public JdbcRecordSink(RecordSchema<T> schema, DatabasePlatform platform, JdbcTemplate jdbcTemplate,
			TransactionTemplate transactionTemplate, boolean postgresqlCopy) {
		this.schema = schema;
		this.platform = platform;
		this.jdbcTemplate = jdbcTemplate;
		this.transactionTemplate = transactionTemplate;
		this.inserter = SingletonSupplier.of(() -> inserter(postgresqlCopy));
		this.keyIndexes = schema.keyColumns().stream().mapToInt(schema.columns()::indexOf).toArray();
		for (int i = 0; i < this.keyIndexes.length; i++) {
			if (this.keyIndexes[i] < 0) {
				throw new IllegalArgumentException("Key column '" + schema.keyColumns().get(i) + "' of table "
						+ schema.table() + " is not one of its columns " + schema.columns());
			}
		}
	}

	private RowInserter inserter(boolean postgresqlCopy) {
		UpsertDialect dialect = this.platform.dialect();
		RowInserter statements = new MultiRowInserter(this.schema, dialect);
		return switch (dialect) {
			case POSTGRESQL ->
				(postgresqlCopy && ClassUtils.isPresent(PG_CONNECTION, JdbcRecordSink.class.getClassLoader()))
						? new PostgresCopyInserter(this.schema, statements) : statements;
			case MARIADB -> new MariaDbBulkInserter(this.schema, statements);
			case H2 -> new H2BatchInserter(this.schema);
		};
	}

	/**
	 * The key of a row, read from its values: the key columns are a subset of the
	 * columns, so the record's accessors are called once per column, not again for the
	 * key. A single-column key is its value; a composite one a list of its values.
	 */
	private Object key(Object[] row) {
		int[] indexes = this.keyIndexes;
		if (indexes.length == 1) {
			return row[indexes[0]];
		}
		Object[] key = new Object[indexes.length];
		for (int i = 0; i < indexes.length; i++) {
			key[i] = row[indexes[i]];
		}
		return Arrays.asList(key);
	}

	@Override
	public WriteResult<T> write(List<T> batch) {
		RowInserter inserter = this.inserter.obtain();
		List<Object[]> rows = new ArrayList<>(batch.size());
		List<T> unique;
		if (inserter.countsRepeatedKeys()) {
			unique = batch;
			for (T record : batch) {
				rows.add(this.schema.values(record));
			}
		}
		else {
			unique = new ArrayList<>(batch.size());
			// sized for the whole batch: growing it rehashes every key already in it
			Set<Object> keys = new HashSet<>((int) (batch.size() / 0.75f) + 1);
			for (T record : batch) {
				Object[] row = this.schema.values(record);
				if (keys.add(key(row))) {
					unique.add(record);
					rows.add(row);
				}
			}
		}
		Tally<T> tally = new Tally<>();
		tally.duplicates = batch.size() - unique.size();
		write(unique, rows, tally);
		// the database skipped repeated keys with the stored ones: told apart only when
		// it
		// reported duplicates at all, so a batch without any costs no hashing
		long repeated = (unique != batch) ? batch.size() - unique.size()
				: (tally.duplicates > 0) ? repeatedKeys(batch) : 0;
		return new WriteResult<>(tally.inserted, tally.duplicates, tally.rejected, repeated);
	}

	private long repeatedKeys(List<T> batch) {
		Set<Object> keys = new HashSet<>((int) (batch.size() / 0.75f) + 1);
		long repeated = 0;
		for (T record : batch) {
			if (!keys.add(key(this.schema.values(record)))) {
				repeated++;
			}
		}
		return repeated;
	}

	/**
	 * Write rows in one transaction; when the database refuses them for their content,
	 * write each half in its own transaction, down to single rows, which are rejected.
	 * One bad row in a batch of n costs about 2 log2(n) transactions, not n.
	 */
	private void write(List<T> records, List<Object[]> rows, Tally<T> tally) {
		try {
			Long inserted = this.transactionTemplate.execute((status) -> insert(rows));
			long count = (inserted != null) ? inserted : 0;
			tally.inserted += count;
			tally.duplicates += rows.size() - count;
		}
		catch (DataIntegrityViolationException ex) {
			if (rows.size() == 1) {
				tally.rejected.add(new RejectedRecord<>(records.get(0), rootMessage(ex)));
				return;
			}
			int half = rows.size() / 2;
			write(records.subList(0, half), rows.subList(0, half), tally);
			write(records.subList(half, rows.size()), rows.subList(half, rows.size()), tally);
		}
	}

	private long insert(List<Object[]> rows) {
		RowInserter inserter = this.inserter.obtain();
		return this.jdbcTemplate.execute((ConnectionCallback<Long>) (connection) -> inserter.insert(connection, rows));
	}

	/**
	 * An instant as a statement parameter: an {@code OffsetDateTime} in UTC. A
	 * {@code Timestamp} would go through the JVM's local time, which H2 resolves to the
	 * wrong instant in the hour that repeats when daylight saving time ends. MariaDB and
	 * MySQL store the same local time for both ({@code DATETIME} has no zone).
	 * @param instant the instant
	 * @return the parameter value
	 */
	static OffsetDateTime parameter(Instant instant) {
		// what instant.atOffset(UTC) gives, without the zone rules it builds on every
		// call (ZoneOffset.getRules() on Java 17): one value of every row of a batch
		return OffsetDateTime.of(
				LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
				ZoneOffset.UTC);
	}

	private static final class Tally<T> {

		private long inserted;

		private long duplicates;

		private final List<RejectedRecord<T>> rejected = new ArrayList<>();

	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null) ? message.strip() : root.getClass().getSimpleName();
	}

}
