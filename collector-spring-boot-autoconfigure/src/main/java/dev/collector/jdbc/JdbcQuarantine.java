package dev.collector.jdbc;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.Quarantine;

/**
 * Quarantine in the {@code collector_quarantine} table.
 */
public class JdbcQuarantine implements Quarantine {

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	public JdbcQuarantine(JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	@Override
	public void add(String collector, String runId, List<QuarantinedRecord> records) {
		OffsetDateTime now = JdbcRecordSink.parameter(this.clock.instant());
		this.jdbcTemplate.batchUpdate(
				"INSERT INTO collector_quarantine (collector, run_id, reason, payload, created_at) VALUES (?, ?, ?, ?, ?)",
				records, records.size(), (statement, record) -> {
					statement.setString(1, collector);
					statement.setString(2, runId);
					statement.setString(3, JdbcRunHistory.truncate(record.reason()));
					statement.setString(4, record.payload());
					statement.setObject(5, now);
				});
	}

	/**
	 * How many records a collector has in quarantine.
	 * @param collector the collector's name
	 * @return the count
	 */
	public long count(String collector) {
		Long count = this.jdbcTemplate.queryForObject("SELECT COUNT(*) FROM collector_quarantine WHERE collector = ?",
				Long.class, collector);
		return (count != null) ? count : 0;
	}

}
