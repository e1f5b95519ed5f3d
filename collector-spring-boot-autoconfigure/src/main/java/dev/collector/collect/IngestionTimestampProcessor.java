package dev.collector.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.core.Ordered;

/**
 * Stamps records that implement {@link IngestionTimestamped} with the time of the run;
 * other records pass unchanged. Runs first among the processors, so later ones see the
 * stamp.
 */
public class IngestionTimestampProcessor implements RecordProcessor<Object>, Ordered {

	private final Clock clock;

	public IngestionTimestampProcessor(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Stream<Object> process(Stream<Object> records, CollectionRequest request) {
		// one instant per run: every record of a run carries the same ingestion time
		Instant ingestedAt = this.clock.instant();
		return records.map((record) -> stamp(record, ingestedAt));
	}

	private static Object stamp(Object record, Instant ingestedAt) {
		if (record instanceof IngestionTimestamped<?> stampable) {
			return stampable.withIngestedAt(ingestedAt);
		}
		return record;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
