package dev.collector.collect;

import java.time.Clock;
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
		return records.map(this::stamp);
	}

	private Object stamp(Object record) {
		if (record instanceof IngestionTimestamped<?> stampable) {
			return stampable.withIngestedAt(this.clock.instant());
		}
		return record;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
