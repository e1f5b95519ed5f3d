package dev.collector.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import dev.collector.schema.RecordSchema;

/**
 * Inserts rows on PostgreSQL at close to {@code COPY} speed. While batches hold only new
 * records, each is copied straight into the table ({@code COPY ... FROM STDIN}, text
 * format) inside a savepoint: it is all or nothing, so the copied count is the inserted
 * count. When a batch meets a stored key (SQLState 23505), it is rolled back to the
 * savepoint and, like the batches after it until one holds no duplicates, copied into a
 * temporary staging table instead, then moved with one
 * {@code INSERT ... SELECT ... ON CONFLICT (key) DO NOTHING}, whose update count is the
 * number of rows really inserted. Measured in {@code benchmarks/} against multi-row
 * {@code INSERT}s, which parse and bind every value as a statement parameter, and against
 * the staging table alone, which costs a second write of every row.
 * <p>
 * The staging table is created once per database session with only the record's columns
 * and their exact types (so a value too long fails already at the copy, with SQLState
 * class 22), has no constraints (NOT NULL and CHECK fail at the insert, class 23), and is
 * emptied at every commit and rollback ({@code ON COMMIT DELETE ROWS}). Needs pgJDBC (an
 * optional dependency); on a connection that does not unwrap to {@link PGConnection} the
 * multi-row statements are used instead.
 */
final class PostgresCopyInserter implements RowInserter {

	private static final String DUPLICATE_KEY = "23505";

	/** PostgreSQL cuts identifiers longer than this. */
	private static final int MAX_IDENTIFIER_LENGTH = 63;

	/**
	 * Instants in the session's zone, which pgJDBC sets to the JVM's, as pgJDBC binds
	 * them.
	 */
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private final RowInserter fallback;

	/**
	 * Database sessions (physical connections) known to have the staging table, so that a
	 * batch costs no extra round trip to create it; weak, so closed connections go.
	 */
	private final Set<PGConnection> sessionsWithStagingTable = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private final String createStaging;

	private final String copyToStaging;

	private final String copyToTable;

	/**
	 * Whether the last batch held records already stored: then the next one goes through
	 * the staging table at once, else it is first copied straight into the table.
	 */
	private volatile boolean expectDuplicates;

	private final String moveToTable;

	/** Whether the last connection was pgJDBC's, so that batches go through COPY. */
	private volatile boolean copies;

	PostgresCopyInserter(RecordSchema<?> schema, RowInserter fallback) {
		this.fallback = fallback;
		String columns = String.join(", ", schema.columns());
		String staging = stagingTable(schema.table());
		this.createStaging = "CREATE TEMPORARY TABLE IF NOT EXISTS " + staging + " ON COMMIT DELETE ROWS AS SELECT "
				+ columns + " FROM " + schema.table() + " WITH NO DATA";
		this.copyToStaging = "COPY " + staging + " (" + columns + ") FROM STDIN";
		this.copyToTable = "COPY " + schema.table() + " (" + columns + ") FROM STDIN";
		// inside a transaction the caller joined, earlier batches' rows are still staged:
		// they conflict with themselves and are not counted again, so the counts hold
		this.moveToTable = "INSERT INTO " + schema.table() + " (" + columns + ") SELECT " + columns + " FROM " + staging
				+ " ON CONFLICT (" + String.join(", ", schema.keyColumns()) + ") DO NOTHING";
	}

	/**
	 * Once a connection was found to be pgJDBC's: a key repeated in a batch makes the
	 * straight {@code COPY} fail like a stored one, and the batch then goes through the
	 * staging table, whose {@code ON CONFLICT DO NOTHING} skips the repeated row (the
	 * first one of the batch is kept) and does not count it. The multi-row statements of
	 * the fallback get distinct keys.
	 */
	@Override
	public boolean countsRepeatedKeys() {
		return this.copies;
	}

	@Override
	public long insert(Connection connection, List<Object[]> rows) throws SQLException {
		if (!connection.isWrapperFor(PGConnection.class)) {
			this.copies = false;
			return this.fallback.insert(connection, rows);
		}
		this.copies = true;
		PGConnection session = connection.unwrap(PGConnection.class);
		byte[] text = copyText(rows);
		if (!this.expectDuplicates) {
			Savepoint savepoint = connection.setSavepoint();
			try {
				return copy(session, this.copyToTable, text);
			}
			catch (SQLException ex) {
				if (!DUPLICATE_KEY.equals(ex.getSQLState())) {
					throw ex;
				}
				connection.rollback(savepoint);
				this.expectDuplicates = true;
			}
		}
		long inserted = insertThroughStaging(connection, session, text);
		this.expectDuplicates = inserted < rows.size();
		return inserted;
	}

	private long insertThroughStaging(Connection connection, PGConnection session, byte[] text) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (this.sessionsWithStagingTable.add(session)) {
				statement.execute(this.createStaging);
			}
			copy(session, this.copyToStaging, text);
			return statement.executeUpdate(this.moveToTable);
		}
		catch (SQLException | RuntimeException ex) {
			// a rolled back transaction may have created the staging table: create it
			// again
			this.sessionsWithStagingTable.remove(session);
			throw ex;
		}
	}

	private static long copy(PGConnection session, String sql, byte[] text) throws SQLException {
		CopyIn copyIn = session.getCopyAPI().copyIn(sql);
		try {
			copyIn.writeToCopy(text, 0, text.length);
			return copyIn.endCopy();
		}
		finally {
			if (copyIn.isActive()) {
				copyIn.cancelCopy();
			}
		}
	}

	/**
	 * The staging table's name: derived from the record's table, so that collectors of
	 * different tables sharing a session do not meet.
	 * @param table the record's table, optionally schema-qualified
	 * @return the name
	 */
	static String stagingTable(String table) {
		String name = "collector_staging_" + table.toLowerCase(Locale.ROOT).replace('.', '_');
		if (name.length() <= MAX_IDENTIFIER_LENGTH) {
			return name;
		}
		String hash = Integer.toHexString(table.hashCode());
		return name.substring(0, MAX_IDENTIFIER_LENGTH - hash.length() - 1) + "_" + hash;
	}

	/**
	 * Rows in {@code COPY}'s text format: tab-separated, one line a row, {@code \N} for
	 * null, backslash escapes.
	 * @param rows the rows
	 * @return the UTF-8 bytes
	 */
	static byte[] copyText(List<Object[]> rows) {
		StringBuilder text = new StringBuilder(rows.size() * 256);
		ZoneId zone = ZoneId.systemDefault();
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				appendValue(text, row[i], zone);
			}
			text.append('\n');
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void appendValue(StringBuilder text, Object value, ZoneId zone) {
		if (value == null) {
			text.append("\\N");
		}
		else if (value instanceof String string) {
			appendEscaped(text, string);
		}
		else if (value instanceof Number || value instanceof Character) {
			text.append((value instanceof java.math.BigDecimal decimal) ? decimal.toPlainString() : value.toString());
		}
		else if (value instanceof Boolean bool) {
			text.append(bool ? 't' : 'f');
		}
		else if (value instanceof Instant instant) {
			TIMESTAMP.formatTo(instant.atZone(zone), text);
		}
		else if (value instanceof OffsetDateTime dateTime) {
			TIMESTAMP.formatTo(dateTime.atZoneSameInstant(zone), text);
		}
		else if (value instanceof ZonedDateTime dateTime) {
			TIMESTAMP.formatTo(dateTime.withZoneSameInstant(zone), text);
		}
		else if (value instanceof Enum<?> constant) {
			appendEscaped(text, constant.name());
		}
		else if (value instanceof byte[] bytes) {
			// bytea hex format, its backslash escaped for COPY
			text.append("\\\\x").append(HexFormat.of().formatHex(bytes));
		}
		else {
			// UUID, LocalDate, LocalDateTime, java.sql types, ...: their text is what
			// PostgreSQL reads
			appendEscaped(text, value.toString());
		}
	}

	private static int firstToEscape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
				return i;
			}
		}
		return -1;
	}

	private static void appendEscaped(StringBuilder text, String value) {
		int first = firstToEscape(value);
		if (first < 0) {
			// the common case, appended at once: char by char took most of the write's
			// time
			text.append(value);
			return;
		}
		text.append(value, 0, first);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				default -> text.append(c);
			}
		}
	}

}
