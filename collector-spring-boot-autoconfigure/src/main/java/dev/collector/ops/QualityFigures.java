package dev.collector.ops;

import java.time.Instant;
import java.util.List;

/**
 * Where the data-quality figures come from: what the runs stored and what went to the
 * quarantine.
 */
public interface QualityFigures {

	/**
	 * Record counts of finished runs.
	 * @param collector the collector's name
	 * @param since only runs started at or after this instant, {@code null} for all
	 * @return the sums
	 */
	Totals totals(String collector, Instant since);

	/**
	 * The most frequent reasons records were quarantined.
	 * @param collector the collector's name
	 * @param since only records quarantined at or after this instant, {@code null} for
	 * all
	 * @param limit how many reasons at most
	 * @return reasons with their counts, most frequent first
	 */
	List<ErrorCount> topErrors(String collector, Instant since, int limit);

	/**
	 * Sums over runs.
	 *
	 * @param runs finished runs
	 * @param collected records fetched (after processors)
	 * @param inserted records stored for the first time
	 * @param duplicates records already stored
	 * @param invalid records quarantined
	 * @param repeated of the duplicates, those the source delivered twice in one batch
	 * @param partialRuns runs that ended partial
	 * @param failedParts parts that failed, over all runs
	 */
	record Totals(long runs, long collected, long inserted, long duplicates, long invalid, long repeated,
			long partialRuns, long failedParts) {

		/**
		 * Totals without the figures of repeated records and part failures.
		 * @param runs finished runs
		 * @param collected records fetched
		 * @param inserted records stored for the first time
		 * @param duplicates records already stored
		 * @param invalid records quarantined
		 */
		public Totals(long runs, long collected, long inserted, long duplicates, long invalid) {
			this(runs, collected, inserted, duplicates, invalid, 0, 0, 0);
		}

	}

	/**
	 * A quarantine reason and how often it occurred.
	 *
	 * @param message the reason, e.g. {@code title: must not be blank}
	 * @param count how many records
	 */
	record ErrorCount(String message, long count) {
	}

}
