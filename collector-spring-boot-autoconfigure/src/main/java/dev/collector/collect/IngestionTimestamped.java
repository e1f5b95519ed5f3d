package dev.collector.collect;

import java.time.Instant;

/**
 * A record that carries the time it was ingested. The built-in
 * {@link IngestionTimestampProcessor} stamps every such record before validation.
 *
 * @param <T> the record type itself
 */
public interface IngestionTimestamped<T> {

	/**
	 * A copy of this record (or this record, when mutable) with the ingestion time set.
	 * @param ingestedAt when the run fetched the record
	 * @return the stamped record
	 */
	T withIngestedAt(Instant ingestedAt);

}
