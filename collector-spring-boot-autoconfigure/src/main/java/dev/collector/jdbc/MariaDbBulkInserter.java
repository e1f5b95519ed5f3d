package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import dev.collector.schema.RecordSchema;

/**
 * Inserts rows on MariaDB with a JDBC batch of single-row {@code INSERT IGNORE}s, which
 * MariaDB Connector/J sends as one bulk command ({@code COM_STMT_BULK_EXECUTE}), as fast
 * as a hand-written batch insert. A bulk command reports no per-row update counts, but
 * the server lists the warnings of all its rows: each duplicate skipped is one warning
 * 1062, so the duplicates are counted by the database, and any other warning (a value
 * truncated, a row skipped) refuses the batch as in {@link UpsertDialect#MARIADB}.
 * <p>
 * When the driver does not send a bulk command (another driver, MySQL, bulk switched
 * off in the URL), it runs the statements one by one and only the last one's warnings
 * remain visible, which would hide a truncated value: the first such batch is rolled
 * back to a savepoint and written again with multi-row statements, which are used from
 * then on.
 */
final class MariaDbBulkInserter implements RowInserter {

	private static final int DUPLICATE_ENTRY = 1062;

	/** The most warnings MariaDB and MySQL keep for one statement. */
	private static final int MAX_ERROR_COUNT = 65535;

	private final String sql;

	private final RowInserter fallback;

	/** Unknown (null) until the first batch of more than one row has shown it. */
	private volatile Boolean bulk;

	/** Database sessions already told to keep all warnings; weak, so closed ones go. */
	private final Set<Connection> preparedSessions = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	MariaDbBulkInserter(RecordSchema<?> schema, RowInserter fallback) {
		this.sql = UpsertDialect.MARIADB.insertSql(schema, 1);
		this.fallback = fallback;
	}

	@Override
	public long insert(Connection connection, List<Object[]> rows) throws SQLException {
		Boolean bulk = this.bulk;
		if (Boolean.FALSE.equals(bulk)) {
			return this.fallback.insert(connection, rows);
		}
		Connection session = connection.unwrap(Connection.class);
		if (!this.preparedSessions.contains(session)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET SESSION max_error_count = " + MAX_ERROR_COUNT);
			}
			this.preparedSessions.add(session);
		}
		Savepoint savepoint = (bulk == null && rows.size() > 1) ? connection.setSavepoint() : null;
		try (PreparedStatement statement = connection.prepareStatement(this.sql)) {
			for (Object[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					MultiRowInserter.bind(statement, i + 1, row[i]);
				}
				statement.addBatch();
			}
			int[] counts = statement.executeBatch();
			if (rows.size() == 1) {
				// one statement: its own warnings, bulk or not
				UpsertDialect.MARIADB.checkWarnings(statement, 1, Math.max(counts[0], 0));
				return Math.max(counts[0], 0);
			}
			if (Arrays.stream(counts).allMatch((count) -> count == Statement.SUCCESS_NO_INFO)) {
				this.bulk = true;
				long inserted = rows.size() - duplicateWarnings(statement.getWarnings());
				UpsertDialect.MARIADB.checkWarnings(statement, rows.size(), inserted);
				return inserted;
			}
		}
		this.bulk = false;
		if (savepoint == null) {
			throw new SQLException("The driver stopped sending bulk commands; the batch is rolled back", "40000");
		}
		connection.rollback(savepoint);
		return this.fallback.insert(connection, rows);
	}

	private static long duplicateWarnings(SQLWarning warnings) {
		long duplicates = 0;
		for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
			if (warning.getErrorCode() == DUPLICATE_ENTRY) {
				duplicates++;
			}
		}
		return duplicates;
	}

}
