package dev.collector.backfill;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.schema.RecordSchema;

/**
 * How many records the record table holds per symbol in a range of days, for
 * {@code GET /coverage}: one grouped count over the table's symbol and timestamp columns.
 * Bounded: at most {@link #MAX_SYMBOLS} symbols per question and a query timeout of
 * {@link #TIMEOUT_SECONDS} seconds; beyond them, or when the record type has no symbol or
 * no timestamp column, or the count fails, there is no count (the ledger still answers).
 */
public class StoredRecordCounts {

	/** Most symbols counted in one question. */
	public static final int MAX_SYMBOLS = 100;

	/** Longest a count may take. */
	public static final int TIMEOUT_SECONDS = 5;

	private static final Log logger = LogFactory.getLog(StoredRecordCounts.class);

	private final JdbcTemplate jdbc;

	private final String query;

	public StoredRecordCounts(JdbcTemplate jdbcTemplate, RecordSchema<?> schema) {
		this.jdbc = new JdbcTemplate(jdbcTemplate.getDataSource());
		this.jdbc.setQueryTimeout(TIMEOUT_SECONDS);
		String symbol = schema.symbolColumn();
		String timestamp = schema.timestampColumn();
		this.query = (symbol != null && timestamp != null)
				? "SELECT " + symbol + ", COUNT(*) FROM " + schema.table() + " WHERE " + timestamp + " >= ? AND "
						+ timestamp + " < ? AND " + symbol + " IN (%s) GROUP BY " + symbol
				: null;
	}

	/**
	 * Count the records of some symbols.
	 * @param symbols the symbols
	 * @param first the first day, inclusive
	 * @param last the last day, inclusive (UTC days)
	 * @return the count of each symbol (0 for none), or an empty map when not counted
	 */
	public Map<String, Long> count(List<String> symbols, LocalDate first, LocalDate last) {
		if (this.query == null || symbols.isEmpty() || symbols.size() > MAX_SYMBOLS) {
			return Map.of();
		}
		List<Object> parameters = new ArrayList<>();
		parameters.add(first.atStartOfDay().atOffset(ZoneOffset.UTC));
		parameters.add(last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		parameters.addAll(symbols);
		Map<String, Long> counts = new LinkedHashMap<>();
		symbols.forEach((symbol) -> counts.put(symbol, 0L));
		try {
			this.jdbc.query(String.format(this.query, String.join(", ", Collections.nCopies(symbols.size(), "?"))),
					(row) -> {
						counts.put(row.getString(1), row.getLong(2));
					}, parameters.toArray());
			return counts;
		}
		catch (DataAccessException ex) {
			logger.warn("Could not count the stored records per symbol: " + ex.getMessage());
			return Map.of();
		}
	}

}
