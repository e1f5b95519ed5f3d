package dev.collector.observation;

import io.micrometer.common.KeyValues;

import dev.collector.observation.CollectorObservationDocumentation.Keys;

/**
 * The default names and keys of the {@code collector.source} observation; the span is
 * named {@code source <collector>}.
 */
public class DefaultSourceObservationConvention implements SourceObservationConvention {

	@Override
	public String getName() {
		return "collector.source";
	}

	@Override
	public String getContextualName(SourceContext context) {
		return "source " + context.getCollector();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SourceContext context) {
		return KeyValues.of(Keys.COLLECTOR.withValue(context.getCollector()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SourceContext context) {
		String symbols = context.getSymbols().isEmpty() ? "all"
				: String.join(",", context.getSymbols().stream().sorted().toList());
		return KeyValues.of(Keys.RUN_ID.withValue(context.getRunId()),
				Keys.WINDOW.withValue(Windows.of(context.getFrom(), context.getTo())), Keys.SYMBOLS.withValue(symbols));
	}

}
