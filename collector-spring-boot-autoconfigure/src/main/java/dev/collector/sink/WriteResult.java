package dev.collector.sink;

import java.util.List;

/**
 * What one {@link RecordSink#write(List)} did.
 *
 * @param <T> the record type
 * @param inserted records stored for the first time
 * @param duplicates records that were already stored (same natural key)
 * @param rejected records the store refused for their content (a constraint the
 * validation did not catch); they go to the quarantine, the rest of the batch is stored
 */
public record WriteResult<T>(long inserted, long duplicates, List<RejectedRecord<T>> rejected) {

	public WriteResult {
		rejected = List.copyOf(rejected);
	}

	/**
	 * A result without rejected records.
	 * @param <T> the record type
	 * @param inserted records stored for the first time
	 * @param duplicates records that were already stored
	 * @return the result
	 */
	public static <T> WriteResult<T> of(long inserted, long duplicates) {
		return new WriteResult<>(inserted, duplicates, List.of());
	}

	/**
	 * A rejected record and why.
	 *
	 * @param <T> the record type
	 * @param record the record
	 * @param reason the store's message
	 */
	public record RejectedRecord<T>(T record, String reason) {
	}

}
