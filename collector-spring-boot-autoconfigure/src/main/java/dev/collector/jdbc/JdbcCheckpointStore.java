package dev.collector.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CheckpointStore;

/**
 * Checkpoints in the {@code collector_checkpoint} table, one row per collector.
 */
public class JdbcCheckpointStore implements CheckpointStore {

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	public JdbcCheckpointStore(JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	@Override
	public Optional<Instant> get(String collector) {
		List<Instant> positions = this.jdbcTemplate.query(
				"SELECT position_at FROM collector_checkpoint WHERE collector = ?",
				(rs, row) -> rs.getTimestamp(1).toInstant(), collector);
		return positions.stream().findFirst();
	}

	@Override
	public void advance(String collector, Instant position, String runId) {
		OffsetDateTime now = JdbcRecordSink.parameter(this.clock.instant());
		OffsetDateTime at = JdbcRecordSink.parameter(position);
		int updated = this.jdbcTemplate.update(
				"UPDATE collector_checkpoint SET position_at = ?, run_id = ?, updated_at = ? WHERE collector = ?", at,
				runId, now, collector);
		if (updated == 0) {
			try {
				this.jdbcTemplate.update(
						"INSERT INTO collector_checkpoint (collector, position_at, run_id, updated_at) VALUES (?, ?, ?, ?)",
						collector, at, runId, now);
			}
			catch (DuplicateKeyException ex) {
				// another writer created the row in between: update it like the first
				// time
				this.jdbcTemplate.update(
						"UPDATE collector_checkpoint SET position_at = ?, run_id = ?, updated_at = ? WHERE collector = ?",
						at, runId, now, collector);
			}
		}
	}

}
