package dev.collector.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the {@code collector.backfill.chunk} observation. Declare a bean of
 * this type to replace the default ({@link DefaultBackfillChunkObservationConvention}).
 */
public interface BackfillChunkObservationConvention extends ObservationConvention<BackfillChunkContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof BackfillChunkContext;
	}

}
