package dev.collector.collect;

/**
 * Record counts of one collection.
 *
 * @param collected records the collector returned (after processors)
 * @param inserted records stored for the first time
 * @param duplicates records that were already stored
 * @param invalid records that failed validation or were refused by the store, and went to
 * the quarantine
 * @param repeated of the duplicates, those that repeated a record of the same batch: the
 * source delivered the same record twice, a problem of the data (the other duplicates are
 * records the product fetched again: overlapping windows, retries, forced backfills)
 */
public record RecordCounts(long collected, long inserted, long duplicates, long invalid, long repeated) {

	/** No records. */
	public static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0, 0);

	/**
	 * Counts without repeated records.
	 * @param collected records the collector returned (after processors)
	 * @param inserted records stored for the first time
	 * @param duplicates records that were already stored
	 * @param invalid records that went to the quarantine
	 */
	public RecordCounts(long collected, long inserted, long duplicates, long invalid) {
		this(collected, inserted, duplicates, invalid, 0);
	}

}
