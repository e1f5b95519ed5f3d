package dev.collector.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the {@code collector.run} observation. Declare a bean of this type to
 * replace the default ({@link DefaultCollectionRunObservationConvention}).
 */
public interface CollectionRunObservationConvention extends ObservationConvention<CollectionRunContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CollectionRunContext;
	}

}
