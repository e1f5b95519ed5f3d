package dev.collector.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.RunHistory;
import dev.collector.collect.Trigger;

/**
 * Run history in the {@code collector_run} table.
 */
public class JdbcRunHistory implements RunHistory {

	private static final int MAX_ERROR_LENGTH = 2000;

	private static final String SELECT = "SELECT run_id, trigger_type, status, window_from, window_to, started_at, "
			+ "finished_at, records_collected, records_inserted, records_duplicate, records_invalid, records_repeated, "
			+ "parts_failed, error " + "FROM collector_run WHERE collector = ? AND finished_at IS NOT NULL";

	private final JdbcTemplate jdbcTemplate;

	public JdbcRunHistory(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public void started(String collector, String instanceId, CollectionRequest request, Instant startedAt) {
		this.jdbcTemplate.update(
				"INSERT INTO collector_run (run_id, collector, instance_id, trigger_type, status, window_from, window_to, "
						+ "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				request.runId(), collector, instanceId, request.trigger().name(), "RUNNING",
				JdbcRecordSink.parameter(request.from()), JdbcRecordSink.parameter(request.to()),
				JdbcRecordSink.parameter(startedAt));
	}

	@Override
	public void finished(String collector, CollectionResult result) {
		RecordCounts counts = result.counts();
		this.jdbcTemplate.update(
				"UPDATE collector_run SET status = ?, window_from = ?, window_to = ?, finished_at = ?, "
						+ "records_collected = ?, records_inserted = ?, records_duplicate = ?, records_invalid = ?, "
						+ "records_repeated = ?, parts_failed = ?, error = ? WHERE run_id = ?",
				result.status().name(), JdbcRecordSink.parameter(result.request().from()),
				JdbcRecordSink.parameter(result.request().to()), JdbcRecordSink.parameter(result.finishedAt()),
				counts.collected(), counts.inserted(), counts.duplicates(), counts.invalid(), counts.repeated(),
				result.partFailureCount(), truncate(result.error()), result.runId());
	}

	@Override
	public List<CollectionResult> recent(String collector, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return query(SELECT + " ORDER BY started_at DESC", collector, limit);
	}

	@Override
	public Optional<CollectionResult> lastSuccessful(String collector) {
		// a partial run stored its window too (save for its failed parts)
		return query(SELECT + " AND status IN ('SUCCEEDED', 'PARTIAL') ORDER BY started_at DESC", collector, 1).stream()
			.findFirst();
	}

	/** The database stops after {@code limit} rows: the history is never read whole. */
	private List<CollectionResult> query(String sql, String collector, int limit) {
		return this.jdbcTemplate.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setString(1, collector);
			statement.setMaxRows(limit);
			return statement;
		}, (rs, row) -> map(rs));
	}

	private static CollectionResult map(ResultSet rs) throws SQLException {
		CollectionRequest request = new CollectionRequest(rs.getString("run_id"),
				Trigger.valueOf(rs.getString("trigger_type")), instant(rs, "window_from"), instant(rs, "window_to"),
				Set.of(), false, false);
		RecordCounts counts = new RecordCounts(rs.getLong("records_collected"), rs.getLong("records_inserted"),
				rs.getLong("records_duplicate"), rs.getLong("records_invalid"), rs.getLong("records_repeated"));
		return new CollectionResult(request, CollectionResult.Status.valueOf(rs.getString("status")),
				instant(rs, "started_at"), instant(rs, "finished_at"), counts, rs.getString("error"), List.of(),
				rs.getInt("parts_failed"), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	static String truncate(String text) {
		return (text != null && text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…"
				: text;
	}

}
