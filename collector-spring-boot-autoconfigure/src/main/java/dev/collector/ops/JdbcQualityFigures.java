package dev.collector.ops;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link QualityFigures} from the framework's tables: {@code collector_run} (counts per
 * run) and {@code collector_quarantine} (reasons). Both queries are aggregates: nothing
 * is read row by row.
 */
public class JdbcQualityFigures implements QualityFigures {

	private static final String TOTALS = "SELECT COUNT(*), COALESCE(SUM(records_collected), 0), "
			+ "COALESCE(SUM(records_inserted), 0), COALESCE(SUM(records_duplicate), 0), "
			+ "COALESCE(SUM(records_invalid), 0), COALESCE(SUM(records_repeated), 0), "
			+ "COALESCE(SUM(CASE WHEN status = 'PARTIAL' THEN 1 ELSE 0 END), 0), COALESCE(SUM(parts_failed), 0) "
			+ "FROM collector_run WHERE collector = ? AND finished_at IS NOT NULL";

	private static final String ERRORS = "SELECT reason, COUNT(*) AS occurrences FROM collector_quarantine "
			+ "WHERE collector = ?";

	private final JdbcTemplate jdbcTemplate;

	public JdbcQualityFigures(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public Totals totals(String collector, Instant since) {
		String sql = TOTALS + ((since != null) ? " AND started_at >= ?" : "");
		Object[] arguments = (since != null) ? new Object[] { collector, utc(since) } : new Object[] { collector };
		return this.jdbcTemplate.queryForObject(sql, (rs, row) -> new Totals(rs.getLong(1), rs.getLong(2),
				rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)), arguments);
	}

	@Override
	public List<ErrorCount> topErrors(String collector, Instant since, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		String sql = ERRORS + ((since != null) ? " AND created_at >= ?" : "")
				+ " GROUP BY reason ORDER BY occurrences DESC, reason";
		return this.jdbcTemplate.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setString(1, collector);
			if (since != null) {
				statement.setObject(2, utc(since));
			}
			statement.setMaxRows(limit);
			return statement;
		}, (rs, row) -> new ErrorCount(rs.getString(1), rs.getLong(2)));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
