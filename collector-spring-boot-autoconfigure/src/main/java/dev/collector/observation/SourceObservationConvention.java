package dev.collector.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the {@code collector.source} observation. Declare a bean of this type
 * to replace the default ({@link DefaultSourceObservationConvention}).
 */
public interface SourceObservationConvention extends ObservationConvention<SourceContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SourceContext;
	}

}
