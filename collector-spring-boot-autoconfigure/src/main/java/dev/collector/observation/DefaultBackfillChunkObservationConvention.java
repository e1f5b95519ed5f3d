package dev.collector.observation;

import io.micrometer.common.KeyValues;

import dev.collector.observation.CollectorObservationDocumentation.Keys;

/**
 * The default names and keys of the {@code collector.backfill.chunk} observation; the
 * span is named {@code backfill <collector>}.
 */
public class DefaultBackfillChunkObservationConvention implements BackfillChunkObservationConvention {

	@Override
	public String getName() {
		return "collector.backfill.chunk";
	}

	@Override
	public String getContextualName(BackfillChunkContext context) {
		return "backfill " + context.getCollector();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BackfillChunkContext context) {
		return KeyValues.of(Keys.COLLECTOR.withValue(context.getCollector()),
				Keys.OUTCOME.withValue(context.getOutcome()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BackfillChunkContext context) {
		return KeyValues.of(Keys.TASK_ID.withValue(context.getTaskId()), Keys.CHUNK.withValue(context.getChunk()),
				Keys.SYMBOL.withValue(context.getSymbol()));
	}

}
