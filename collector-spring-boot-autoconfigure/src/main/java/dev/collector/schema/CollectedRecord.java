package dev.collector.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how a record type is stored: its table, natural key, timestamp and symbol.
 * Every component of a Java record (or every non-static, non-transient field of a class)
 * is a column named in snake_case ({@code publishedAt} becomes {@code published_at}).
 * Properties are named by their Java name or their column name.
 * <p>
 * For anything this cannot express, declare a {@link RecordSchema} bean instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CollectedRecord {

	/**
	 * Table the records go to, optionally schema-qualified.
	 * @return the table name
	 */
	String table();

	/**
	 * Properties that form the natural key: a record with the same key is a duplicate.
	 * The table needs a primary key or unique constraint on exactly these columns.
	 * @return the key properties
	 */
	String[] key();

	/**
	 * Property holding the record's own time (used by the retention purge, the
	 * data-quality figures and the per-symbol counts of {@code /coverage}). Its type may
	 * be an {@code Instant}, {@code OffsetDateTime} or {@code ZonedDateTime} (written as
	 * that instant in UTC: a {@code TIMESTAMP WITH TIME ZONE} column, {@code DATETIME(6)}
	 * on MariaDB), a {@code LocalDateTime} (a {@code TIMESTAMP} column, taken as UTC) or
	 * a {@code LocalDate} (a {@code DATE} column).
	 * @return the timestamp property, or empty for none
	 */
	String timestamp() default "";

	/**
	 * Property holding the record's symbol (ticker, feed id, ...).
	 * @return the symbol property, or empty for none
	 */
	String symbol() default "";

}
