package dev.collector.test;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Assertions on the rows of a table: the stored records or the quarantine.
 * <pre class="code">
 * assertThatTable(jdbc, "news_item").hasRowCount(36).containsRowWhere("guid", "chainwire-20261124-001");
 * assertThatQuarantine(jdbc, result).reasons().containsExactly("title: must not be blank");
 * </pre>
 */
public class TableAssert extends AbstractAssert<TableAssert, JdbcTemplate> {

	private final String table;

	private final String where;

	private final Object[] arguments;

	TableAssert(JdbcTemplate jdbc, String table, String where, Object... arguments) {
		super(jdbc, TableAssert.class);
		if (!table.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
			throw new IllegalArgumentException("Not a table name: " + table);
		}
		this.table = table;
		this.where = where;
		this.arguments = arguments;
	}

	public TableAssert hasRowCount(long expected) {
		long count = this.actual.queryForObject("SELECT COUNT(*) FROM " + this.table + where(), Long.class,
				this.arguments);
		if (count != expected) {
			failWithMessage("Expected %d row(s) in %s%s but found %d", expected, this.table, where(), count);
		}
		return this;
	}

	public TableAssert isEmpty() {
		return hasRowCount(0);
	}

	/**
	 * A row has this value in this column.
	 * @param column the column
	 * @param value the value
	 * @return this
	 */
	public TableAssert containsRowWhere(String column, Object value) {
		checkColumn(column);
		String condition = (this.where.isEmpty() ? " WHERE " : where() + " AND ") + column + " = ?";
		Object[] arguments = append(this.arguments, value);
		long count = this.actual.queryForObject("SELECT COUNT(*) FROM " + this.table + condition, Long.class,
				arguments);
		if (count == 0) {
			failWithMessage("Expected a row of %s with %s = <%s> but there is none", this.table, column, value);
		}
		return this;
	}

	/**
	 * The values of a column, ordered by it, for AssertJ's list assertions.
	 * @param column the column
	 * @return assertions on the values
	 */
	public ListAssert<Object> column(String column) {
		checkColumn(column);
		List<Object> values = this.actual.queryForList(
				"SELECT " + column + " FROM " + this.table + where() + " ORDER BY " + column, Object.class,
				this.arguments);
		return Assertions.assertThat(values);
	}

	/**
	 * Every row, as column-to-value maps (column names as the driver reports them).
	 * @return assertions on the rows
	 */
	public ListAssert<Map<String, Object>> rows() {
		return Assertions.assertThat(this.actual.queryForList("SELECT * FROM " + this.table + where(), this.arguments));
	}

	/**
	 * The quarantine's reasons, in the order the records were kept aside.
	 * @return assertions on the reasons
	 */
	public ListAssert<String> reasons() {
		return quarantineColumn("reason");
	}

	/**
	 * The quarantine's payloads (the records as JSON), in the order they were kept aside.
	 * @return assertions on the payloads
	 */
	public ListAssert<String> payloads() {
		return quarantineColumn("payload");
	}

	private ListAssert<String> quarantineColumn(String column) {
		return Assertions.assertThat(this.actual.queryForList(
				"SELECT " + column + " FROM " + this.table + where() + " ORDER BY id", String.class, this.arguments));
	}

	private String where() {
		return this.where.isEmpty() ? "" : " WHERE " + this.where;
	}

	private static void checkColumn(String column) {
		if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			throw new IllegalArgumentException("Not a column name: " + column);
		}
	}

	private static Object[] append(Object[] arguments, Object value) {
		Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
		all[arguments.length] = value;
		return all;
	}

}
