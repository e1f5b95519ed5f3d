package dev.collector.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the {@code collector.sink.write} observation. Declare a bean of this
 * type to replace the default ({@link DefaultSinkWriteObservationConvention}).
 */
public interface SinkWriteObservationConvention extends ObservationConvention<SinkWriteContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SinkWriteContext;
	}

}
