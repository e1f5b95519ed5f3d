package dev.collector.collect;

import java.util.stream.Stream;

/**
 * A step between fetching and validation: enrich, filter or transform records. Beans of
 * this type apply to the collector's records in
 * {@link org.springframework.core.annotation.Order order} when their type argument fits
 * the record type ({@code RecordProcessor<Object>} applies to every record type). Keep
 * the stream lazy.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RecordProcessor<T> {

	/**
	 * Process the records of one run.
	 * @param records the records so far, lazily
	 * @param request the run's request
	 * @return the processed records, lazily
	 */
	Stream<T> process(Stream<T> records, CollectionRequest request);

}
