package dev.collector.backfill;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.collector.backfill.CoverageLedger.Entry;
import dev.collector.backfill.CoverageLedger.State;

/**
 * The ledger of a range as runs of equal state per symbol: covered, missing (never
 * collected, or only partly by live runs) and failed.
 *
 * @param from first day
 * @param to last day
 * @param period the ledger's period
 * @param symbols per symbol
 */
public record CoverageReport(LocalDate from, LocalDate to, Period period, List<SymbolCoverage> symbols) {

	/**
	 * The coverage of one symbol.
	 *
	 * @param symbol the symbol
	 * @param covered covered periods
	 * @param missing missing periods
	 * @param failed failed periods
	 * @param ranges runs of periods of one state
	 */
	public record SymbolCoverage(String symbol, int covered, int missing, int failed, List<Range> ranges) {
	}

	/**
	 * Consecutive periods of one state.
	 *
	 * @param state covered, missing or failed
	 * @param from first day of the first period
	 * @param to last day of the last period
	 * @param periods number of periods
	 */
	public record Range(String state, LocalDate from, LocalDate to, int periods) {
	}

	/**
	 * Read the ledger of a range.
	 * @param ledger the ledger
	 * @param collector the collector's name
	 * @param symbols the symbols
	 * @param from first day
	 * @param to last day
	 * @return the report
	 */
	public static CoverageReport read(CoverageLedger ledger, String collector, List<String> symbols, LocalDate from,
			LocalDate to) {
		LedgerPeriods periods = ledger.periods();
		List<LocalDate> starts = periods.between(from, to);
		List<SymbolCoverage> result = new ArrayList<>();
		for (String symbol : symbols) {
			Map<LocalDate, Entry> entries = starts.isEmpty() ? Map.of()
					: ledger.entries(collector, symbol, starts.get(0), starts.get(starts.size() - 1));
			int[] counts = new int[3];
			List<Range> ranges = new ArrayList<>();
			String state = null;
			LocalDate rangeFrom = null;
			int count = 0;
			for (LocalDate start : starts) {
				Entry entry = entries.get(start);
				String current = (entry == null || entry.state() == State.PARTIAL) ? "missing"
						: (entry.state() == State.COVERED) ? "covered" : "failed";
				counts["covered".equals(current) ? 0 : "missing".equals(current) ? 1 : 2]++;
				if (!current.equals(state)) {
					if (state != null) {
						ranges.add(new Range(state, rangeFrom, start.minusDays(1), count));
					}
					state = current;
					rangeFrom = start;
					count = 0;
				}
				count++;
			}
			if (state != null) {
				ranges.add(new Range(state, rangeFrom, periods.end(starts.get(starts.size() - 1)).minusDays(1), count));
			}
			result.add(new SymbolCoverage(symbol, counts[0], counts[1], counts[2], ranges));
		}
		return new CoverageReport(from, to, periods.length(), result);
	}

}
