package dev.collector.collect;

/**
 * Record counts of one collection.
 *
 * @param collected records the collector returned (after processors)
 * @param inserted records stored for the first time
 * @param duplicates records that were already stored
 * @param invalid records that failed validation or were refused by the store, and went to
 * the quarantine
 */
public record RecordCounts(long collected, long inserted, long duplicates, long invalid) {

	/** No records. */
	public static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0);

}
