package dev.collector.backfill;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * What a backfill will do: the missing periods per symbol cut into chunks, and what that
 * is expected to cost.
 *
 * @param startDate first day, inclusive
 * @param endDate last day, inclusive
 * @param symbols the symbols ({@link CoverageLedger#ALL_SYMBOLS} for a collector without)
 * @param force whether covered periods are collected again
 * @param missingPeriods (symbol, period) pairs to collect
 * @param chunks the chunks
 * @param estimatedRecords records expected
 * @param estimatedSourceRequests calls of the source expected (one per contiguous run of
 * periods in a chunk)
 * @param estimatedDuration time the calls take at the current rate limit
 */
public record BackfillPlan(LocalDate startDate, LocalDate endDate, List<String> symbols, boolean force,
		int missingPeriods, List<PlannedChunk> chunks, long estimatedRecords, long estimatedSourceRequests,
		Duration estimatedDuration) {

	/**
	 * One chunk of a plan.
	 *
	 * @param symbol the symbol
	 * @param periods the starts of its periods
	 */
	public record PlannedChunk(String symbol, List<LocalDate> periods) {
	}

}
