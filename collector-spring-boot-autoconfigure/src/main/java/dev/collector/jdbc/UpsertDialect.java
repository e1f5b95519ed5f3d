package dev.collector.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
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
	 * (a value truncated or replaced) fails the statement, because IGNORE would otherwise
	 * store altered data silently.
	 */
	MARIADB {
		@Override
		String insertSql(RecordSchema<?> schema, int rows) {
			return "INSERT IGNORE INTO " + schema.table() + " (" + columnList(schema) + ") VALUES "
					+ valueRows(schema, rows);
		}

		@Override
		void checkWarnings(Statement statement) throws SQLException {
			for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
				if (warning.getErrorCode() != DUPLICATE_ENTRY) {
					// SQLState class 22 (data exception) makes Spring translate it to a
					// DataIntegrityViolationException, like the same error without IGNORE
					throw new SQLException("Refused by the database (warning " + warning.getErrorCode() + "): "
							+ warning.getMessage(), "22000");
				}
			}
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
			String sourceColumns = schema.columns().stream().map((column) -> "s." + column).collect(Collectors.joining(", "));
			return "MERGE INTO " + schema.table() + " t USING (VALUES " + valueRows(schema, rows) + ") s("
					+ columnList(schema) + ") ON (" + on + ") WHEN NOT MATCHED THEN INSERT (" + columnList(schema)
					+ ") VALUES (" + sourceColumns + ")";
		}
	};

	private static final int DUPLICATE_ENTRY = 1062;

	/**
	 * The statement for a number of rows.
	 * @param schema the record schema
	 * @param rows how many rows the statement carries
	 * @return the SQL
	 */
	abstract String insertSql(RecordSchema<?> schema, int rows);

	/**
	 * Fail when the statement's warnings show the database altered data.
	 * @param statement the executed statement
	 * @throws SQLException when it did
	 */
	void checkWarnings(Statement statement) throws SQLException {
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

	static List<String> platforms() {
		return List.of("h2", "postgresql", "mariadb", "mysql");
	}

}
