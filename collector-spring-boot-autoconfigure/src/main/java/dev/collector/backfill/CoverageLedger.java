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

/**
 * The coverage ledger in {@code collector_coverage}: per collector, symbol and period
 * whether a successful collection over the whole period committed its records. A period
 * with zero records is covered once collected; a failed or partial window is not. Gap
 * analysis reads this table by its primary key, never the data table.
 * <p>
 * Live runs collect windows shorter than a period (every 15 minutes, say), so a period
 * collected by live runs is {@code partial} up to {@code covered_until} until the
 * contiguous chain of successful windows reaches its end.
 */
public class CoverageLedger {

	/** Ledger key of a collector that has no notion of symbols. */
	public static final String ALL_SYMBOLS = "*";

	/** State of a period in the ledger. */
	public enum State {

		/** Collected over its whole length and committed. */
		COVERED,

		/** Collected by live runs from its start up to covered_until. */
		PARTIAL,

		/** The latest collection over it failed. */
		FAILED;

		String column() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static State of(String column) {
			return valueOf(column.toUpperCase(java.util.Locale.ROOT));
		}

	}

	private final JdbcTemplate jdbc;

	private final LedgerPeriods periods;

	private final Clock clock;

	public CoverageLedger(JdbcTemplate jdbc, LedgerPeriods periods, Clock clock) {
		this.jdbc = jdbc;
		this.periods = periods;
		this.clock = clock;
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
		this.jdbc
			.query("SELECT period_start, status, updated_at FROM collector_coverage WHERE collector = ? AND symbol = ?"
					+ " AND period_start >= ? AND period_start <= ?", (rs) -> {
						LocalDate start = rs.getObject(1, LocalDate.class);
						entries.put(start, new Entry(State.of(rs.getString(2)), rs.getTimestamp(3).toInstant()));
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
	 * their records.
	 * @param collector the collector's name
	 * @param symbol the symbol
	 * @param starts the period starts
	 * @param runId the run that collected them
	 */
	public void markCovered(String collector, String symbol, Collection<LocalDate> starts, String runId) {
		for (LocalDate start : starts) {
			put(collector, symbol, start, State.COVERED, LedgerPeriods.startOfDay(this.periods.end(start)), runId);
		}
	}

	/**
	 * Mark periods failed, unless they are covered already (a covered period stays
	 * covered: its records are stored).
	 * @param collector the collector's name
	 * @param symbol the symbol
	 * @param starts the period starts
	 * @param runId the failed run
	 */
	public void markFailed(String collector, String symbol, Collection<LocalDate> starts, String runId) {
		if (starts.isEmpty()) {
			return;
		}
		List<LocalDate> sorted = starts.stream().sorted().toList();
		Map<LocalDate, Entry> entries = entries(collector, symbol, sorted.get(0), sorted.get(sorted.size() - 1));
		for (LocalDate start : sorted) {
			Entry entry = entries.get(start);
			if (entry == null || entry.state() != State.COVERED) {
				put(collector, symbol, start, State.FAILED, null, runId);
			}
		}
	}

	/**
	 * Record a live (scheduled or manual) run over {@code [from, to)}. On success, a
	 * period becomes covered when the chain of successful windows reaches from its start
	 * to its end; on failure, the periods it touched and had not covered become failed.
	 * @param collector the collector's name
	 * @param symbols the symbols it collected
	 * @param from window start
	 * @param to window end
	 * @param runId the run
	 * @param succeeded whether its records were committed
	 */
	public void recordLiveRun(String collector, Collection<String> symbols, Instant from, Instant to, String runId,
			boolean succeeded) {
		if (!to.isAfter(from)) {
			return;
		}
		LocalDate lastDay = LedgerPeriods.dayOf(to.minusNanos(1));
		List<LocalDate> touched = this.periods.between(LedgerPeriods.dayOf(from), lastDay);
		for (String symbol : symbols) {
			if (!succeeded) {
				markFailed(collector, symbol, touched, runId);
				continue;
			}
			Map<LocalDate, Instant> until = coveredUntil(collector, symbol, touched);
			for (LocalDate start : touched) {
				Instant periodStart = LedgerPeriods.startOfDay(start);
				Instant periodEnd = LedgerPeriods.startOfDay(this.periods.end(start));
				Instant reached = until.get(start);
				boolean contiguous = !from.isAfter(periodStart) || (reached != null && !reached.isBefore(from));
				if (!contiguous) {
					continue;
				}
				Instant newUntil = to.isBefore(periodEnd) ? to : periodEnd;
				State state = newUntil.equals(periodEnd) ? State.COVERED : State.PARTIAL;
				put(collector, symbol, start, state, newUntil, runId);
			}
		}
	}

	private Map<LocalDate, Instant> coveredUntil(String collector, String symbol, List<LocalDate> starts) {
		Map<LocalDate, Instant> until = new HashMap<>();
		this.jdbc.query(
				"SELECT period_start, status, covered_until FROM collector_coverage WHERE collector = ? AND symbol = ?"
						+ " AND period_start >= ? AND period_start <= ? AND covered_until IS NOT NULL",
				(rs) -> {
					until.put(rs.getObject(1, LocalDate.class), rs.getTimestamp(3).toInstant());
				}, collector, symbol, starts.get(0), starts.get(starts.size() - 1));
		return until;
	}

	private void put(String collector, String symbol, LocalDate start, State state, Instant coveredUntil,
			String runId) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		OffsetDateTime until = (coveredUntil != null) ? OffsetDateTime.ofInstant(coveredUntil, ZoneOffset.UTC) : null;
		// a failure keeps how far live runs had got, so the chain resumes after a retry
		String update = "UPDATE collector_coverage SET status = ?, covered_until = "
				+ ((state == State.FAILED) ? "covered_until" : "?")
				+ ", run_id = ?, updated_at = ? WHERE collector = ? AND symbol = ? AND period_start = ?";
		Object[] updateArgs = (state == State.FAILED)
				? new Object[] { state.column(), runId, now, collector, symbol, start }
				: new Object[] { state.column(), until, runId, now, collector, symbol, start };
		if (this.jdbc.update(update, updateArgs) > 0) {
			return;
		}
		try {
			this.jdbc.update(
					"INSERT INTO collector_coverage (collector, symbol, period_start, period_end, status, covered_until,"
							+ " run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					collector, symbol, start, this.periods.end(start), state.column(), until, runId, now);
		}
		catch (DuplicateKeyException ex) {
			// another replica wrote the period in between: the last writer wins, as above
			this.jdbc.update(update, updateArgs);
		}
	}

	private static Object[] args(String collector, LocalDate first, LocalDate last, Collection<String> symbols) {
		List<Object> args = new ArrayList<>(List.of(collector, first, last));
		args.addAll(symbols);
		return args.toArray();
	}

	/**
	 * A ledger entry.
	 *
	 * @param state the period's state
	 * @param updatedAt when it was last written
	 */
	public record Entry(State state, Instant updatedAt) {
	}

}
