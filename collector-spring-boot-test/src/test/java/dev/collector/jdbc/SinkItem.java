package dev.collector.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.schema.CollectedRecord;
import dev.collector.testdb.TestDatabase;

/**
 * The record type of the JDBC sink contract tests: a composite key, an instant, an enum,
 * a decimal and nullable columns, one of them with a length limit and one with a CHECK
 * constraint.
 */
@CollectedRecord(table = "sink_item", key = { "feed", "seq" }, timestamp = "publishedAt", symbol = "feed")
record SinkItem(String feed, long seq, Instant publishedAt, String title, Kind kind, BigDecimal price, Integer score) {

	/** Longest title the table takes. */
	static final int TITLE_LENGTH = 40;

	static final Instant BASE = Instant.parse("2024-02-29T23:59:59.123456Z");

	static SinkItem of(String feed, long seq) {
		return new SinkItem(feed, seq, BASE.plusSeconds(seq), "title " + seq, Kind.values()[(int) (seq % 3)],
				BigDecimal.valueOf(seq * 100 + 25, 2), (int) seq);
	}

	SinkItem withTitle(String title) {
		return new SinkItem(this.feed, this.seq, this.publishedAt, title, this.kind, this.price, this.score);
	}

	SinkItem withScore(Integer score) {
		return new SinkItem(this.feed, this.seq, this.publishedAt, this.title, this.kind, this.price, score);
	}

	static String createTable(TestDatabase database) {
		String timestamp = (database == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		return "CREATE TABLE sink_item (feed VARCHAR(20) NOT NULL, seq BIGINT NOT NULL, published_at " + timestamp
				+ " NOT NULL, title VARCHAR(" + TITLE_LENGTH + "), kind VARCHAR(10), price NUMERIC(12, 2), "
				+ "score INTEGER, CONSTRAINT score_not_negative CHECK (score >= 0), PRIMARY KEY (feed, seq))";
	}

	/**
	 * Every row of the table, in key order, read back with the scale the items use
	 * (decimals compare by scale too).
	 */
	static List<SinkItem> stored(JdbcTemplate jdbc) {
		return jdbc.query("SELECT feed, seq, published_at, title, kind, price, score FROM sink_item ORDER BY feed, seq",
				(rs, row) -> new SinkItem(rs.getString("feed"), rs.getLong("seq"),
						rs.getTimestamp("published_at").toInstant(), rs.getString("title"),
						(rs.getString("kind") != null) ? Kind.valueOf(rs.getString("kind")) : null,
						(rs.getBigDecimal("price") != null) ? rs.getBigDecimal("price").setScale(2) : null,
						(rs.getObject("score") != null) ? rs.getInt("score") : null));
	}

	enum Kind {

		NEWS, OPINION, ANALYSIS

	}

}
