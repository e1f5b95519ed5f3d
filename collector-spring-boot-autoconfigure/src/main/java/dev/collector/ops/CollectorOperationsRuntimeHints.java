package dev.collector.ops;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.collector.aot.ResponseBindingHints;

/**
 * Native-image hints of the operations endpoints: the JSON of {@code /status},
 * {@code /data-quality}, {@code /performance}, {@code /circuit-breaker-status},
 * {@code /logs}, {@code /alert} and {@code /validate-data}. Listed in
 * {@code META-INF/spring/aot.factories}.
 */
class CollectorOperationsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		ResponseBindingHints.register(hints, AlertController.class, DataQualityController.class, LogsController.class,
				PerformanceController.class, ResilienceView.class, StatusController.class, ValidateDataController.class,
				QualityFigures.class);
	}

}
