package dev.collector.paging;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The positions of paged sources at the last committed batch of a backfill request that
 * has not succeeded yet, in {@code collector_page_resume}, one row per collector and
 * request.
 */
public class PageResumeStore {

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	public PageResumeStore(JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	/**
	 * The kept positions of a request.
	 * @param collector the collector's name
	 * @param requestKey the request's key
	 * @return the positions, or {@code null} when none are kept
	 */
	public String load(String collector, String requestKey) {
		List<String> states = this.jdbcTemplate.queryForList(
				"SELECT state FROM collector_page_resume WHERE collector = ? AND request_key = ?", String.class,
				collector, requestKey);
		return states.isEmpty() ? null : states.get(0);
	}

	/**
	 * Keep the positions of a request, replacing what was kept.
	 * @param collector the collector's name
	 * @param requestKey the request's key
	 * @param state the positions
	 */
	public void save(String collector, String requestKey, String state) {
		// an OffsetDateTime in UTC, as the framework's other tables are written
		Object now = this.clock.instant().atOffset(ZoneOffset.UTC);
		String update = "UPDATE collector_page_resume SET state = ?, updated_at = ? "
				+ "WHERE collector = ? AND request_key = ?";
		if (this.jdbcTemplate.update(update, state, now, collector, requestKey) == 0) {
			try {
				this.jdbcTemplate.update(
						"INSERT INTO collector_page_resume (collector, request_key, state, updated_at) VALUES (?, ?, ?, ?)",
						collector, requestKey, state, now);
			}
			catch (DuplicateKeyException ex) {
				this.jdbcTemplate.update(update, state, now, collector, requestKey);
			}
		}
	}

	/**
	 * Forget the positions of a request (it succeeded).
	 * @param collector the collector's name
	 * @param requestKey the request's key
	 */
	public void delete(String collector, String requestKey) {
		this.jdbcTemplate.update("DELETE FROM collector_page_resume WHERE collector = ? AND request_key = ?", collector,
				requestKey);
	}

}
