package dev.collector.backfill;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.CoverageTransitions.Span;

/**
 * The coverage ledger in {@code collector_coverage}: per collector, symbol and period how
 * much of it was collected with its records committed. A period with zero records is
 * covered once collected; a failed window is not. Gap analysis reads this table by its
 * primary key, never the data table.
 * <p>
 * Live runs collect windows shorter than a period (every 15 minutes, say): a period
 * collected by live runs is {@code partial}, with the contiguous span collected so far
 * ({@code [covered_from, covered_until)}), until the span is the whole period. The ledger
 * never claims more than what is stored: {@code covered} means every record of the period
 * was committed; rows of periods the retention purge deleted are deleted with them.
 */
public class CoverageLedger {

	/** Ledger key of a collector that has no notion of symbols. */
	public static final String ALL_SYMBOLS = "*";

	/** State of a period in the ledger. */
	public enum State {

		/** Collected over its whole length and committed. */
		COVERED,

		/** Partly collected by live runs: from covered_from up to covered_until. */
		PARTIAL,

		/**
		 * A collection over its uncollected part failed and nothing collected that part
		 * since; live runs retry it (with back-off), a backfill redoes it.
		 */
		FAILED;

		/**
		 * The state as the ledger's column and the JSON answers spell it.
		 * @return covered, partial or failed
		 */
		public String column() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static State of(String column) {
			return valueOf(column.toUpperCase(java.util.Locale.ROOT));
		}

	}

	private final JdbcTemplate jdbc;

	private final LedgerPeriods periods;

	private final Clock clock;

	private final CoverageTransitions transitions;

	/**
	 * Create a ledger whose failed periods are retried after 30 s, then twice as long
	 * each time.
	 * @param jdbc the database
	 * @param periods the periods
	 * @param clock the clock
	 */
	public CoverageLedger(JdbcTemplate jdbc, LedgerPeriods periods, Clock clock) {
		this(jdbc, periods, clock,
				(attempt) -> java.time.Duration.ofSeconds(30).multipliedBy(1L << Math.min(attempt - 1, 20)));
	}

	/**
	 * Create a ledger.
	 * @param jdbc the database
	 * @param periods the periods
	 * @param clock the clock
	 * @param backoff the delay before the retry that follows the n-th failure (n from 1)
	 */
	public CoverageLedger(JdbcTemplate jdbc, LedgerPeriods periods, Clock clock,
			java.util.function.IntFunction<java.time.Duration> backoff) {
		this.jdbc = jdbc;
		this.periods = periods;
		this.clock = clock;
		this.transitions = new CoverageTransitions(clock, backoff);
	}

	public LedgerPeriods periods() {
		return this.periods;
	}

	/**
	 * The state of every period of a symbol that has a ledger entry in a range.
	 * @param collector the collector's name
	 * @param symbol the symbol (or {@link #ALL_SYMBOLS})
	 * @param first first period start, inclusive
	 * @param last last period start, inclusive
	 * @return state by period start
	 */
	public Map<LocalDate, Entry> entries(String collector, String symbol, LocalDate first, LocalDate last) {
		Map<LocalDate, Entry> entries = new HashMap<>();
		this.jdbc.query("SELECT period_start, status, updated_at, covered_from, covered_until, error, attempts,"
				+ " retry_at FROM collector_coverage WHERE collector = ? AND symbol = ? AND period_start >= ?"
				+ " AND period_start <= ?", (rs) -> {
					entries.put(rs.getObject(1, LocalDate.class),
							new Entry(State.of(rs.getString(2)), instant(rs.getTimestamp(3)),
									instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getString(6),
									rs.getInt(7), instant(rs.getTimestamp(8))));
				}, collector, symbol, first, last);
		return entries;
	}

	/**
	 * Gap analysis: the periods of a range that are not covered.
	 * @param collector the collector's name
	 * @param symbol the symbol
	 * @param first first day, inclusive
	 * @param last last day, inclusive
	 * @return the starts of the missing periods, in order
	 */
	public List<LocalDate> missing(String collector, String symbol, LocalDate first, LocalDate last) {
		List<LocalDate> all = this.periods.between(first, last);
		if (all.isEmpty()) {
			return all;
		}
		Map<LocalDate, Entry> entries = entries(collector, symbol, all.get(0), all.get(all.size() - 1));
		List<LocalDate> missing = new ArrayList<>();
		for (LocalDate start : all) {
			Entry entry = entries.get(start);
			if (entry == null || entry.state() != State.COVERED) {
				missing.add(start);
			}
		}
		return missing;
	}

	/**
	 * Number of periods in a range that are not covered, over several symbols, counted in
	 * the database.
	 * @param collector the collector's name
	 * @param symbols the symbols
	 * @param first first day, inclusive
	 * @param last last day, inclusive
	 * @return the number of missing (symbol, period) pairs
	 */
	public long missingCount(String collector, Collection<String> symbols, LocalDate first, LocalDate last) {
		List<LocalDate> all = this.periods.between(first, last);
		if (all.isEmpty() || symbols.isEmpty()) {
			return 0;
		}
		Long covered = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_coverage WHERE collector = ? AND status = 'covered'"
						+ " AND period_start >= ? AND period_start <= ? AND symbol IN ("
						+ String.join(", ", symbols.stream().map((s) -> "?").toList()) + ")",
				Long.class, args(collector, all.get(0), all.get(all.size() - 1), symbols));
		return (long) all.size() * symbols.size() - ((covered != null) ? covered : 0);
	}

	/**
	 * The end of the newest covered period of any symbol.
	 * @param collector the collector's name
	 * @return its end, if any period is covered
	 */
	public Optional<Instant> newestCoveredEnd(String collector) {
		LocalDate end = this.jdbc.queryForObject(
				"SELECT MAX(period_end) FROM collector_coverage WHERE collector = ? AND status = 'covered'",
				LocalDate.class, collector);
		return Optional.ofNullable(end).map(LedgerPeriods::startOfDay);
	}

	/**
	 * Mark whole periods covered; called after (or in the transaction of) the commit of
	 * their records. Clears a failure.
	 * @param collector the collector's name
	 * @param symbol the symbol
	 * @param starts the period starts
	 * @param runId the run that collected them
	 */
	public void markCovered(String collector, String symbol, Collection<LocalDate> starts, String runId) {
		for (LocalDate start : starts) {
			write(collector, symbol, start,
					new Span(State.COVERED, null, LedgerPeriods.startOfDay(this.periods.end(start)), null, 0, null),
					runId, false);
		}
	}

	/**
	 * Mark periods failed by a backfill chunk, unless they are covered already (a covered
	 * period stays covered: its records are stored). The backfill retries its chunks
	 * itself, so live runs do not retry these periods.
	 * @param collector the collector's name
	 * @param symbol the symbol
	 * @param starts the period starts
	 * @param runId the failed run
	 * @param error why it failed
	 */
	public void markFailed(String collector, String symbol, Collection<LocalDate> starts, String runId, String error) {
		if (starts.isEmpty()) {
			return;
		}
		List<LocalDate> sorted = starts.stream().sorted().toList();
		Map<LocalDate, Entry> entries = entries(collector, symbol, sorted.get(0), sorted.get(sorted.size() - 1));
		for (LocalDate start : sorted) {
			Span failed = this.transitions.failed(entries.get(start), LedgerPeriods.startOfDay(start), error, false);
			if (failed != null) {
				write(collector, symbol, start, failed, runId, entries.containsKey(start));
			}
		}
	}

	/**
	 * Record a live (scheduled or manual) run over {@code [from, to)} for several symbols
	 * alike.
	 * @param collector the collector's name
	 * @param symbols the symbols it collected
	 * @param from window start
	 * @param to window end
	 * @param runId the run
	 * @param succeeded whether its records were committed
	 * @see #recordWindow(String, String, Instant, Instant, String, String)
	 */
	public void recordLiveRun(String collector, Collection<String> symbols, Instant from, Instant to, String runId,
			boolean succeeded) {
		for (String symbol : symbols) {
			recordWindow(collector, symbol, from, to, runId, succeeded ? null : "collection failed");
		}
	}

	/**
	 * Record what a live run did for one symbol over {@code [from, to)}. Each period
	 * keeps the contiguous span of it that was collected ({@code [covered_from,
	 * covered_until)}). A success joins the span when it touches it (or starts it), and
	 * the period is covered once the span is the whole period; a success that does not
	 * touch a failed period's span leaves it failed (what failed lies in between) but
	 * makes its retry due at once, since the part works again. A failure marks the
	 * periods it touched failed, keeps their span (or anchors an empty one where the
	 * failure began: the retry starts there) and plans the next retry with back-off. A
	 * covered period never changes.
	 * @param collector the collector's name
	 * @param symbol the symbol
	 * @param from window start
	 * @param to window end
	 * @param runId the run
	 * @param error why it failed, {@code null} when its records were committed
	 */
	public void recordWindow(String collector, String symbol, Instant from, Instant to, String runId, String error) {
		if (!to.isAfter(from)) {
			return;
		}
		List<LocalDate> touched = this.periods.between(LedgerPeriods.dayOf(from),
				LedgerPeriods.dayOf(to.minusNanos(1)));
		Map<LocalDate, Entry> entries = entries(collector, symbol, touched.get(0), touched.get(touched.size() - 1));
		for (LocalDate start : touched) {
			Instant periodStart = LedgerPeriods.startOfDay(start);
			Instant periodEnd = LedgerPeriods.startOfDay(this.periods.end(start));
			Instant windowFrom = CoverageTransitions.max(from, periodStart);
			Instant windowTo = CoverageTransitions.min(to, periodEnd);
			Entry entry = entries.get(start);
			Span next = (error != null) ? this.transitions.failed(entry, windowFrom, error, true)
					: this.transitions.succeeded(entry, windowFrom, windowTo, periodStart, periodEnd);
			if (next != null) {
				write(collector, symbol, start, next, runId, entry != null);
			}
		}
	}

	/**
	 * The failed periods of live runs whose retry is due: per symbol, where the earliest
	 * one's collected span ends (the retry collects from there).
	 * @param collector the collector's name
	 * @param notBefore the first period start to consider (the retention horizon or the
	 * beginning date)
	 * @param maxAttempts failures after which a period is left to a backfill
	 * @return the retry start by symbol
	 */
	public Map<String, Instant> dueRetries(String collector, LocalDate notBefore, int maxAttempts) {
		Map<String, Instant> due = new java.util.TreeMap<>();
		this.jdbc.query("SELECT symbol, period_start, covered_from, covered_until FROM collector_coverage"
				+ " WHERE collector = ? AND status = 'failed' AND retry_at IS NOT NULL AND retry_at <= ?"
				+ " AND attempts <= ? AND period_start >= ?", (rs) -> {
					Instant start = (rs.getTimestamp(4) != null) ? rs.getTimestamp(4).toInstant()
							: LedgerPeriods.startOfDay(rs.getObject(2, LocalDate.class));
					due.merge(rs.getString(1), start, CoverageTransitions::min);
				}, collector, OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), maxAttempts + 1,
				notBefore);
		return due;
	}

	private void write(String collector, String symbol, LocalDate start, Span span, String runId, boolean exists) {
		OffsetDateTime now = utc(this.clock.instant());
		Object[] values = { span.state().column(), utc(span.coveredFrom()), utc(span.coveredUntil()),
				truncate(span.error()), span.attempts(), utc(span.retryAt()), runId, now };
		String update = "UPDATE collector_coverage SET status = ?, covered_from = ?, covered_until = ?, error = ?,"
				+ " attempts = ?, retry_at = ?, run_id = ?, updated_at = ? WHERE collector = ? AND symbol = ?"
				+ " AND period_start = ?";
		Object[] updateArgs = concat(values, collector, symbol, start);
		if (exists && this.jdbc.update(update, updateArgs) > 0) {
			return;
		}
		try {
			this.jdbc.update(
					"INSERT INTO collector_coverage (status, covered_from, covered_until, error, attempts,"
							+ " retry_at, run_id, updated_at, collector, symbol, period_start, period_end)"
							+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					concat(values, collector, symbol, start, this.periods.end(start)));
		}
		catch (DuplicateKeyException ex) {
			// another replica wrote the period in between: the last writer wins
			this.jdbc.update(update, updateArgs);
		}
	}

	private static Object[] concat(Object[] values, Object... more) {
		Object[] all = java.util.Arrays.copyOf(values, values.length + more.length);
		System.arraycopy(more, 0, all, values.length, more.length);
		return all;
	}

	private static String truncate(String error) {
		return (error != null && error.length() > 2000) ? error.substring(0, 1999) + "\u2026" : error;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static Object[] args(String collector, LocalDate first, LocalDate last, Collection<String> symbols) {
		List<Object> args = new ArrayList<>(List.of(collector, first, last));
		args.addAll(symbols);
		return args.toArray();
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A ledger entry.
	 *
	 * @param state the period's state
	 * @param updatedAt when it was last written
	 * @param coveredFrom start of the collected span, {@code null} for the period's start
	 * @param coveredUntil end of the collected span, {@code null} when none was collected
	 * @param error why the latest collection over it failed, while it is failed
	 * @param attempts failed collections since it was last collected successfully
	 * @param retryAt when live runs retry it, {@code null} when they do not
	 */
	public record Entry(State state, Instant updatedAt, Instant coveredFrom, Instant coveredUntil, String error,
			int attempts, Instant retryAt) {
	}

}
