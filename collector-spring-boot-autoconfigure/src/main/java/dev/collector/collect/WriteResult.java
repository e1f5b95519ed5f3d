package dev.collector.collect;

import java.util.List;

/**
 * What one {@link RecordSink#write(List)} did.
 *
 * @param <T> the record type
 * @param inserted records stored for the first time
 * @param duplicates records that were already stored (same natural key)
 * @param rejected records the store refused for their content (a constraint the
 * validation did not catch); they go to the quarantine, the rest of the batch is stored
 * @param repeated of the duplicates, those with the key of another record of the same
 * batch (the source delivered the record twice); 0 when the sink does not tell
 */
public record WriteResult<T>(long inserted, long duplicates, List<RejectedRecord<T>> rejected, long repeated) {

	public WriteResult {
		rejected = List.copyOf(rejected);
	}

	/**
	 * A result that does not tell repeated records apart.
	 * @param inserted records stored for the first time
	 * @param duplicates records that were already stored
	 * @param rejected records the store refused for their content
	 */
	public WriteResult(long inserted, long duplicates, List<RejectedRecord<T>> rejected) {
		this(inserted, duplicates, rejected, 0);
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
