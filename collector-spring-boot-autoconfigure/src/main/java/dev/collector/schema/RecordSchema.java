package dev.collector.schema;

import java.util.List;

/**
 * How a record type maps onto a table. Derived from {@link CollectedRecord} by default;
 * declare a bean of this type to map a record type any other way.
 *
 * @param <T> the record type
 */
public interface RecordSchema<T> {

	/**
	 * The record type this schema maps.
	 * @return the record type
	 */
	Class<T> recordType();

	/**
	 * Table the records go to.
	 * @return the table name, optionally schema-qualified
	 */
	String table();

	/**
	 * Every column written, in the order {@link #values(Object)} returns them.
	 * @return the column names
	 */
	List<String> columns();

	/**
	 * Columns of the natural key; a subset of {@link #columns()}.
	 * @return the key columns
	 */
	List<String> keyColumns();

	/**
	 * Column of the record's own time.
	 * @return the column name, or {@code null} for none
	 */
	String timestampColumn();

	/**
	 * Column of the record's symbol.
	 * @return the column name, or {@code null} for none
	 */
	String symbolColumn();

	/**
	 * The values of one record, aligned with {@link #columns()}.
	 * @param record the record
	 * @return its column values
	 */
	Object[] values(T record);

}
