package dev.collector.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;

import dev.collector.schema.RecordSchema;

/**
 * Inserts rows with the multi-row statements of an {@link UpsertDialect}: up to 1,000
 * rows a statement, one round trip each, and the statement's update count is the number
 * of rows inserted. Works on every supported database.
 */
final class MultiRowInserter implements RowInserter {

	/** Keep statements under every driver's bind-parameter limit (PostgreSQL: 32767). */
	private static final int MAX_PARAMETERS = 30_000;

	private static final int MAX_ROWS_PER_STATEMENT = 1_000;

	private final RecordSchema<?> schema;

	private final UpsertDialect dialect;

	private final int rowsPerStatement;

	/** The statement for a full chunk: built once, not for every batch. */
	private final String fullChunkSql;

	MultiRowInserter(RecordSchema<?> schema, UpsertDialect dialect) {
		this.schema = schema;
		this.dialect = dialect;
		this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_PARAMETERS / schema.columns().size()));
		this.fullChunkSql = dialect.insertSql(schema, this.rowsPerStatement);
	}

	@Override
	public long insert(Connection connection, List<Object[]> rows) throws SQLException {
		this.dialect.prepare(connection);
		long inserted = 0;
		int full = rows.size() / this.rowsPerStatement;
		if (full > 0) {
			try (PreparedStatement statement = connection.prepareStatement(this.fullChunkSql)) {
				for (int chunk = 0; chunk < full; chunk++) {
					int from = chunk * this.rowsPerStatement;
					inserted += execute(statement, rows.subList(from, from + this.rowsPerStatement));
				}
			}
		}
		int rest = rows.size() % this.rowsPerStatement;
		if (rest > 0) {
			try (PreparedStatement statement = connection.prepareStatement(this.dialect.insertSql(this.schema, rest))) {
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
		this.dialect.checkWarnings(statement, rows.size(), count);
		return count;
	}

	static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		bind(statement, index, value, null);
	}

	/**
	 * Bind one value.
	 * @param statement the statement
	 * @param index the parameter's index
	 * @param value the value
	 * @param driverZone the rules of the zone in which the driver writes an instant as a
	 * local date-time, when known ({@link MariaDbDriverZone}): an instant is then bound
	 * as that local date-time, the value the driver would write, without the
	 * {@code Calendar} it builds per value; {@code null} binds it as an
	 * {@code OffsetDateTime} in UTC
	 * @throws SQLException when the driver refuses the value
	 */
	static void bind(PreparedStatement statement, int index, Object value, ZoneRules driverZone) throws SQLException {
		// The typed setters first: they bind what setObject binds for these types (JDBC's
		// standard mapping), but MariaDB Connector/J's setObject searches its codecs for
		// every value, which cost more than the rest of the batch's Java work together.
		if (value instanceof String text) {
			statement.setString(index, text);
		}
		else if (value instanceof Long number) {
			statement.setLong(index, number);
		}
		else if (value instanceof Integer number) {
			statement.setInt(index, number);
		}
		else if (value instanceof Double number) {
			statement.setDouble(index, number);
		}
		else if (value instanceof Boolean flag) {
			statement.setBoolean(index, flag);
		}
		else if (value instanceof BigDecimal number) {
			statement.setBigDecimal(index, number);
		}
		else if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else if (value instanceof Instant instant) {
			bindInstant(statement, index, instant, driverZone);
		}
		else if (value instanceof OffsetDateTime dateTime) {
			bindInstant(statement, index, dateTime.toInstant(), driverZone);
		}
		else if (value instanceof ZonedDateTime dateTime) {
			bindInstant(statement, index, dateTime.toInstant(), driverZone);
		}
		else if (value instanceof Enum<?> constant) {
			statement.setString(index, constant.name());
		}
		else {
			statement.setObject(index, value);
		}
	}

	private static void bindInstant(PreparedStatement statement, int index, Instant instant, ZoneRules driverZone)
			throws SQLException {
		if (driverZone != null) {
			// LocalDateTime.ofInstant, with the zone's rules looked up once per batch
			statement.setObject(index, LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
					driverZone.getOffset(instant)));
		}
		else {
			statement.setObject(index, JdbcRecordSink.parameter(instant));
		}
	}

}
