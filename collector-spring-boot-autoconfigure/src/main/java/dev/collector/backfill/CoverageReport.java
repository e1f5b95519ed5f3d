package dev.collector.backfill;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.collector.backfill.CoverageLedger.Entry;

/**
 * The ledger of a range as runs of equal state per symbol: covered, partial (live runs
 * collected part of it: today, or the day a collector was first started), missing
 * (nothing collected) and failed (with the latest error). Gap analysis and backfill treat
 * partial and failed periods as missing: they collect them whole.
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
	 * @param partial partly collected periods
	 * @param missing missing periods
	 * @param failed failed periods
	 * @param ranges runs of periods of one state
	 */
	public record SymbolCoverage(String symbol, int covered, int partial, int missing, int failed, List<Range> ranges) {
	}

	/**
	 * Consecutive periods of one state.
	 *
	 * @param state covered, partial, missing or failed
	 * @param from first day of the first period
	 * @param to last day of the last period
	 * @param periods number of periods
	 * @param error for a failed range, the error of its first period
	 */
	public record Range(String state, LocalDate from, LocalDate to, int periods, String error) {
	}

	private static final List<String> ORDER = List.of("covered", "partial", "missing", "failed");

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
			int[] counts = new int[4];
			List<Range> ranges = new ArrayList<>();
			String state = null;
			String error = null;
			LocalDate rangeFrom = null;
			int count = 0;
			for (LocalDate start : starts) {
				Entry entry = entries.get(start);
				String current = (entry == null) ? "missing" : entry.state().column();
				counts[ORDER.indexOf(current)]++;
				if (!current.equals(state)) {
					if (state != null) {
						ranges.add(new Range(state, rangeFrom, start.minusDays(1), count, error));
					}
					state = current;
					error = (entry != null) ? entry.error() : null;
					rangeFrom = start;
					count = 0;
				}
				count++;
			}
			if (state != null) {
				ranges.add(new Range(state, rangeFrom, periods.end(starts.get(starts.size() - 1)).minusDays(1), count,
						error));
			}
			result.add(new SymbolCoverage(symbol, counts[0], counts[1], counts[2], counts[3], ranges));
		}
		return new CoverageReport(from, to, periods.length(), result);
	}

}
