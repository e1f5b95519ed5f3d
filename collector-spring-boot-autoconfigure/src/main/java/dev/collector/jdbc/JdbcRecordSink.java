package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

import dev.collector.schema.RecordSchema;
import dev.collector.sink.RecordSink;
import dev.collector.sink.WriteResult;
import dev.collector.sink.WriteResult.RejectedRecord;

/**
 * The default {@link RecordSink}: writes a batch to the record's table in one
 * transaction with multi-row idempotent inserts ({@link UpsertDialect}), and reports the
 * inserted and duplicate counts the database returns.
 * <p>
 * Records with the same key inside one batch are sent once (the others count as
 * duplicates). When the database refuses a batch for its content (a constraint, a value
 * too long), the batch is rolled back and written again in halves, each in its own
 * transaction, down to single rows: the refused rows come back as
 * {@link WriteResult#rejected() rejected} and the others are stored. Any other failure
 * (connection lost, ...) propagates, and nothing of the batch is assumed stored.
 *
 * @param <T> the record type
 */
public class JdbcRecordSink<T> implements RecordSink<T> {

	/** Keep statements under every driver's bind-parameter limit (PostgreSQL: 32767). */
	private static final int MAX_PARAMETERS = 30_000;

	private static final int MAX_ROWS_PER_STATEMENT = 1_000;

	private final RecordSchema<T> schema;

	private final DatabasePlatform platform;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactionTemplate;

	private final int rowsPerStatement;

	/** The statement for a full chunk: built once, not for every batch. */
	private final SingletonSupplier<String> fullChunkSql;

	public JdbcRecordSink(RecordSchema<T> schema, DatabasePlatform platform, JdbcTemplate jdbcTemplate,
			TransactionTemplate transactionTemplate) {
		this.schema = schema;
		this.platform = platform;
		this.jdbcTemplate = jdbcTemplate;
		this.transactionTemplate = transactionTemplate;
		this.rowsPerStatement = Math.max(1,
				Math.min(MAX_ROWS_PER_STATEMENT, MAX_PARAMETERS / schema.columns().size()));
		this.fullChunkSql = SingletonSupplier
			.of(() -> this.platform.dialect().insertSql(this.schema, this.rowsPerStatement));
	}

	@Override
	public WriteResult<T> write(List<T> batch) {
		List<Object[]> rows = new ArrayList<>(batch.size());
		List<T> unique = new ArrayList<>(batch.size());
		Set<List<Object>> keys = new HashSet<>();
		for (T record : batch) {
			if (keys.add(Arrays.asList(this.schema.key(record)))) {
				unique.add(record);
				rows.add(this.schema.values(record));
			}
		}
		Tally<T> tally = new Tally<>();
		tally.duplicates = batch.size() - unique.size();
		write(unique, rows, tally);
		return new WriteResult<>(tally.inserted, tally.duplicates, tally.rejected);
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
		return this.jdbcTemplate.execute((ConnectionCallback<Long>) (connection) -> insert(connection, rows));
	}

	private long insert(Connection connection, List<Object[]> rows) throws SQLException {
		this.platform.dialect().prepare(connection);
		long inserted = 0;
		int full = rows.size() / this.rowsPerStatement;
		if (full > 0) {
			try (PreparedStatement statement = connection
				.prepareStatement(this.fullChunkSql.obtain())) {
				for (int chunk = 0; chunk < full; chunk++) {
					int from = chunk * this.rowsPerStatement;
					inserted += execute(statement, rows.subList(from, from + this.rowsPerStatement));
				}
			}
		}
		int rest = rows.size() % this.rowsPerStatement;
		if (rest > 0) {
			try (PreparedStatement statement = connection.prepareStatement(this.platform.dialect().insertSql(this.schema, rest))) {
				inserted += execute(statement, rows.subList(rows.size() - rest, rows.size()));
			}
		}
		return inserted;
	}

	private long execute(PreparedStatement statement, List<Object[]> rows) throws SQLException {
		int index = 1;
		for (Object[] row : rows) {
			for (Object value : row) {
				bind(statement, index++, value);
			}
		}
		statement.clearWarnings();
		int count = statement.executeUpdate();
		this.platform.dialect().checkWarnings(statement, rows.size(), count);
		return count;
	}

	private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else if (value instanceof Instant instant) {
			statement.setObject(index, parameter(instant));
		}
		else if (value instanceof OffsetDateTime dateTime) {
			statement.setObject(index, parameter(dateTime.toInstant()));
		}
		else if (value instanceof ZonedDateTime dateTime) {
			statement.setObject(index, parameter(dateTime.toInstant()));
		}
		else if (value instanceof Enum<?> constant) {
			statement.setString(index, constant.name());
		}
		else {
			statement.setObject(index, value);
		}
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
		return instant.atOffset(ZoneOffset.UTC);
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
