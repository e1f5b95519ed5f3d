package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import org.springframework.jdbc.datasource.ConnectionProxy;

import dev.collector.schema.RecordSchema;

/**
 * Inserts rows on MariaDB with a JDBC batch of single-row {@code INSERT IGNORE}s, which
 * MariaDB Connector/J sends as one bulk command ({@code COM_STMT_BULK_EXECUTE}), as fast
 * as a hand-written batch insert. A bulk command reports no per-row update counts, but
 * the server lists the warnings of all its rows: each duplicate skipped is one warning
 * 1062, so the duplicates are counted by the database, and any other warning (a value
 * truncated, a row skipped) refuses the batch as in {@link UpsertDialect#MARIADB}.
 * <p>
 * When the driver does not send a bulk command (another driver, MySQL, bulk switched off
 * in the URL), it runs the statements one by one and only the last one's warnings remain
 * visible, which would hide a truncated value: so the first write probes the driver (the
 * same row twice, rolled back to a savepoint) and, when it answers with per-statement
 * counts, the multi-row statements are used instead.
 */
final class MariaDbBulkInserter implements RowInserter {

	private static final int DUPLICATE_ENTRY = 1062;

	/** The most warnings MariaDB and MySQL keep for one statement. */
	private static final int MAX_ERROR_COUNT = 65535;

	/** The size of one bulk command aimed at (see {@link #commandSize(List)}). */
	private static final int COMMAND_BYTES = 112 * 1024;

	private final String sql;

	private final RowInserter fallback;

	/**
	 * Whether the driver sends a batch as one bulk command: unknown (null) until probed.
	 */
	private volatile Boolean bulk;

	/** Database sessions already told to keep all warnings; weak, so closed ones go. */
	private final Set<Connection> preparedSessions = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	MariaDbBulkInserter(RecordSchema<?> schema, RowInserter fallback) {
		this.sql = UpsertDialect.MARIADB.insertSql(schema, 1);
		this.fallback = fallback;
	}

	/**
	 * Once the driver is known to send one bulk command: a key repeated in it is skipped
	 * with a warning 1062 like a stored one, and counted as a duplicate. The multi-row
	 * statements of the fallback get distinct keys.
	 */
	@Override
	public boolean countsRepeatedKeys() {
		return Boolean.TRUE.equals(this.bulk);
	}

	@Override
	public long insert(Connection connection, List<Object[]> rows) throws SQLException {
		if (!sendsOneCommand(connection, rows.get(0))) {
			return this.fallback.insert(connection, rows);
		}
		Connection session = driverConnection(connection);
		if (!this.preparedSessions.contains(session)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET SESSION max_error_count = " + MAX_ERROR_COUNT);
			}
			this.preparedSessions.add(session);
		}
		ZoneId zone = MariaDbDriverZone.of(connection);
		ZoneRules rules = (zone != null) ? zone.getRules() : null;
		long inserted = 0;
		try (PreparedStatement statement = connection.prepareStatement(this.sql)) {
			int size = commandSize(rows);
			for (int from = 0; from < rows.size(); from += size) {
				inserted += execute(statement, rows.subList(from, Math.min(rows.size(), from + size)), rules);
			}
		}
		return inserted;
	}

	/**
	 * How many rows go in one bulk command: the batch in commands of about
	 * {@value #COMMAND_BYTES} bytes, split evenly. Connector/J 3 builds a command in a
	 * buffer of 8 KB that grows to 128 KB, then to 1 MB, and after a command goes back to
	 * 8 KB unless the command filled half of it: so a command of 64 to 128 KB keeps the
	 * 128 KB buffer from one to the next, while one command per batch of 1,000 ordinary
	 * rows (200 KB or more) allocates 1 MB (a humongous object for G1 in heaps up to 2
	 * GB) and copies its content twice, for every batch. The estimate only decides where
	 * commands end: a wrong one costs that allocation, never a row.
	 */
	private static int commandSize(List<Object[]> rows) {
		long bytes = 0;
		for (Object[] row : rows) {
			for (Object value : row) {
				// what the binary protocol sends: a flag and a length, then the value
				bytes += 2 + ((value instanceof String text) ? text.length() : 12);
			}
		}
		long commands = Math.max(1, (bytes + COMMAND_BYTES - 1) / COMMAND_BYTES);
		return (int) ((rows.size() + commands - 1) / commands);
	}

	/**
	 * Send rows as one bulk command.
	 * @return how many were inserted
	 */
	private static long execute(PreparedStatement statement, List<Object[]> rows, ZoneRules zone) throws SQLException {
		statement.clearWarnings();
		int[] counts = executeBatch(statement, rows, zone);
		if (rows.size() > 1 && Arrays.stream(counts).anyMatch((count) -> count != counts[0])) {
			throw new SQLException("The driver ran the batch statement by statement, not as one bulk command", "40000");
		}
		// the driver reports 1 for every row when all were inserted, else no counts:
		// the duplicates are the warnings 1062 of the command
		SQLWarning warnings = statement.getWarnings();
		long inserted = rows.size() - duplicateWarnings(warnings);
		UpsertDialect.MARIADB.checkWarnings(statement, warnings, rows.size(), inserted);
		return inserted;
	}

	/**
	 * The driver's own connection under JdbcTemplate's and the pool's proxies: one object
	 * per database session, so that the session is set up once, not for every batch.
	 * JdbcTemplate's proxy answers {@code unwrap(Connection.class)} with itself, and it
	 * is a new one for every batch.
	 */
	private static Connection driverConnection(Connection connection) throws SQLException {
		Connection target = (connection instanceof ConnectionProxy proxy) ? proxy.getTargetConnection() : connection;
		return target.unwrap(Connection.class);
	}

	/**
	 * Whether the driver sends a batch as one command, found once with a batch of the
	 * same row twice, rolled back: one command reports no per-row counts.
	 */
	private boolean sendsOneCommand(Connection connection, Object[] row) throws SQLException {
		Boolean bulk = this.bulk;
		if (bulk == null) {
			Savepoint savepoint = connection.setSavepoint();
			try (PreparedStatement statement = connection.prepareStatement(this.sql)) {
				int[] counts = executeBatch(statement, List.of(row, row), null);
				bulk = counts[1] == Statement.SUCCESS_NO_INFO;
			}
			// on failure the caller rolls the whole transaction back instead
			connection.rollback(savepoint);
			this.bulk = bulk;
		}
		return bulk;
	}

	/**
	 * Bind and run the batch. With the driver's zone known, an instant is bound as the
	 * local date-time the driver would write for it ({@link MariaDbDriverZone}).
	 */
	private static int[] executeBatch(PreparedStatement statement, List<Object[]> rows, ZoneRules zone)
			throws SQLException {
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				MultiRowInserter.bind(statement, i + 1, row[i], zone);
			}
			statement.addBatch();
		}
		return statement.executeBatch();
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
