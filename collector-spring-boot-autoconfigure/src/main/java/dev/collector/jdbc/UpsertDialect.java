package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Collections;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.collector.schema.RecordSchema;

/**
 * How one database inserts rows that are not stored yet and tells how many it inserted.
 * Each statement takes several rows and its update count is the number of rows really
 * inserted, so duplicates are {@code rows - count}: counted by the database, not guessed.
 */
public enum UpsertDialect {

	/** {@code INSERT ... ON CONFLICT (key) DO NOTHING}. */
	POSTGRESQL {
		@Override
		String insertSql(RecordSchema<?> schema, int rows) {
			return "INSERT INTO " + schema.table() + " (" + columnList(schema) + ") VALUES " + valueRows(schema, rows)
					+ " ON CONFLICT (" + String.join(", ", schema.keyColumns()) + ") DO NOTHING";
		}
	},

	/**
	 * {@code INSERT IGNORE}: duplicates are skipped with warning 1062; any other warning
	 * (a value truncated or replaced, a row skipped for a CHECK constraint) fails the
	 * statement, because IGNORE would otherwise store altered data silently or lose a
	 * row. The warnings must all be seen for that: the session lists up to 65535 of them
	 * instead of 64 ({@code max_error_count}), and a statement whose warnings are not all
	 * listed, or do not match its skipped rows, fails too.
	 */
	MARIADB {
		@Override
		String insertSql(RecordSchema<?> schema, int rows) {
			return "INSERT IGNORE INTO " + schema.table() + " (" + columnList(schema) + ") VALUES "
					+ valueRows(schema, rows);
		}

		@Override
		void prepare(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET SESSION max_error_count = " + MAX_ERROR_COUNT);
			}
		}

		@Override
		void checkWarnings(Statement statement, int rows, long inserted) throws SQLException {
			checkWarnings(statement, statement.getWarnings(), rows, inserted);
		}

		@Override
		void checkWarnings(Statement statement, SQLWarning warnings, int rows, long inserted) throws SQLException {
			if (warnings == null) {
				return;
			}
			long listed = 0;
			for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
				if (warning.getErrorCode() != DUPLICATE_ENTRY) {
					throw refused("(warning " + warning.getErrorCode() + "): " + warning.getMessage());
				}
				listed++;
			}
			long skipped = rows - inserted;
			long total = warningCount(statement);
			if (listed != skipped || total != listed) {
				throw refused(total + " warnings, " + listed + " of them listed, for " + rows + " rows of which "
						+ skipped + " were skipped as duplicates");
			}
		}

		private static long warningCount(Statement statement) throws SQLException {
			try (Statement count = statement.getConnection().createStatement();
					ResultSet result = count.executeQuery("SHOW COUNT(*) WARNINGS")) {
				return result.next() ? result.getLong(1) : 0;
			}
		}

		private static SQLException refused(String detail) {
			// SQLState class 22 (data exception) makes Spring translate it to a
			// DataIntegrityViolationException, like the same error without IGNORE
			return new SQLException("Refused by the database " + detail, "22000");
		}
	},

	/** Standard {@code MERGE ... WHEN NOT MATCHED THEN INSERT} (H2). */
	H2 {
		@Override
		String insertSql(RecordSchema<?> schema, int rows) {
			String on = schema.keyColumns()
				.stream()
				.map((column) -> "t." + column + " = s." + column)
				.collect(Collectors.joining(" AND "));
			String sourceColumns = schema.columns()
				.stream()
				.map((column) -> "s." + column)
				.collect(Collectors.joining(", "));
			return "MERGE INTO " + schema.table() + " t USING (VALUES " + valueRows(schema, rows) + ") s("
					+ columnList(schema) + ") ON (" + on + ") WHEN NOT MATCHED THEN INSERT (" + columnList(schema)
					+ ") VALUES (" + sourceColumns + ")";
		}
	};

	private static final int DUPLICATE_ENTRY = 1062;

	/** The most warnings MariaDB and MySQL keep for one statement. */
	private static final int MAX_ERROR_COUNT = 65535;

	/**
	 * The statement for a number of rows.
	 * @param schema the record schema
	 * @param rows how many rows the statement carries
	 * @return the SQL
	 */
	abstract String insertSql(RecordSchema<?> schema, int rows);

	/**
	 * Prepare a connection for the statements of this dialect, once per transaction.
	 * @param connection the connection
	 * @throws SQLException when the database refuses
	 */
	void prepare(Connection connection) throws SQLException {
	}

	/**
	 * Fail when the statement's warnings show the database altered or skipped data other
	 * than duplicates.
	 * @param statement the executed statement
	 * @param rows how many rows it carried
	 * @param inserted its update count: how many rows it inserted
	 * @throws SQLException when it did, with SQLState class 22 (data exception)
	 */
	void checkWarnings(Statement statement, int rows, long inserted) throws SQLException {
	}

	/**
	 * {@link #checkWarnings(Statement, int, long)} with warnings already read: the
	 * MariaDB driver hands them out only once.
	 * @param statement the executed statement
	 * @param warnings its warnings
	 * @param rows how many rows it carried
	 * @param inserted how many rows it inserted
	 * @throws SQLException when the database altered or skipped data
	 */
	void checkWarnings(Statement statement, SQLWarning warnings, int rows, long inserted) throws SQLException {
	}

	/**
	 * The dialect of a platform name.
	 * @param platform h2, postgresql, mariadb or mysql (any case)
	 * @return the dialect
	 * @throws IllegalArgumentException for any other platform
	 */
	public static UpsertDialect forPlatform(String platform) {
		return switch (platform.toLowerCase(Locale.ROOT)) {
			case "postgresql", "postgres" -> POSTGRESQL;
			case "mariadb", "mysql" -> MARIADB;
			case "h2" -> H2;
			default -> throw new IllegalArgumentException("No upsert dialect for database platform '" + platform
					+ "': supported are postgresql, mariadb, mysql and h2; declare your own RecordSink bean for others");
		};
	}

	private static String columnList(RecordSchema<?> schema) {
		return String.join(", ", schema.columns());
	}

	private static String valueRows(RecordSchema<?> schema, int rows) {
		String row = "(" + String.join(", ", Collections.nCopies(schema.columns().size(), "?")) + ")";
		return String.join(", ", Collections.nCopies(rows, row));
	}

}
