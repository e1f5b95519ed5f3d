package dev.collector.observation;

import io.micrometer.common.KeyValues;

import dev.collector.observation.CollectorObservationDocumentation.Keys;

/**
 * The default names and keys of the {@code collector.run} observation; the span is named
 * {@code collect <collector>}.
 */
public class DefaultCollectionRunObservationConvention implements CollectionRunObservationConvention {

	@Override
	public String getName() {
		return "collector.run";
	}

	@Override
	public String getContextualName(CollectionRunContext context) {
		return "collect " + context.getCollector();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CollectionRunContext context) {
		return KeyValues.of(Keys.COLLECTOR.withValue(context.getCollector()),
				Keys.TRIGGER.withValue(context.getTrigger()), Keys.OUTCOME.withValue(context.getOutcome()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CollectionRunContext context) {
		return KeyValues.of(Keys.RUN_ID.withValue(context.getRunId()),
				Keys.WINDOW.withValue(Windows.of(context.getFrom(), context.getTo())));
	}

}
