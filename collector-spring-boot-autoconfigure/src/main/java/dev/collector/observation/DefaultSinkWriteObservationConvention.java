package dev.collector.observation;

import io.micrometer.common.KeyValues;

import dev.collector.observation.CollectorObservationDocumentation.Keys;

/**
 * The default names and keys of the {@code collector.sink.write} observation; the span is
 * named {@code write <collector>}. The counts are high-cardinality keys: span attributes,
 * never meter tags.
 */
public class DefaultSinkWriteObservationConvention implements SinkWriteObservationConvention {

	@Override
	public String getName() {
		return "collector.sink.write";
	}

	@Override
	public String getContextualName(SinkWriteContext context) {
		return "write " + context.getCollector();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SinkWriteContext context) {
		return KeyValues.of(Keys.COLLECTOR.withValue(context.getCollector()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SinkWriteContext context) {
		return KeyValues.of(Keys.RUN_ID.withValue(context.getRunId()),
				Keys.RECORDS.withValue(Integer.toString(context.getRecords())),
				Keys.INSERTED.withValue(Long.toString(context.getInserted())),
				Keys.DUPLICATES.withValue(Long.toString(context.getDuplicates())),
				Keys.REJECTED.withValue(Long.toString(context.getRejected())));
	}

}
