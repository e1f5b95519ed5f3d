package dev.collector.collectors.web;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.collector.aot.ResponseBindingHints;
import dev.collector.backfill.BackfillController;
import dev.collector.ops.AlertController;
import dev.collector.ops.CircuitBreakerStatusController;
import dev.collector.ops.DataQualityController;
import dev.collector.ops.PerformanceController;
import dev.collector.ops.StatusController;
import dev.collector.ops.ValidateDataController;
import dev.collector.web.CollectController;
import dev.collector.web.CollectResponses;
import dev.collector.web.CollectorHealthController;

/**
 * Native-image hints of the collectors' paths: {@link CollectorHandlerMapping} maps the
 * handler methods of controllers that live in each collector's own context, which the
 * build does not see as controllers of the application, and of {@link CollectorChoice};
 * the aggregate answers hold each collector's answer. Listed in
 * {@code META-INF/spring/aot.factories}.
 */
class CollectorsWebRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (Class<?> handler : new Class<?>[] { CollectorChoice.class, CollectController.class,
				CollectorHealthController.class, StatusController.class, DataQualityController.class,
				CircuitBreakerStatusController.class, ValidateDataController.class, PerformanceController.class,
				AlertController.class, BackfillController.class }) {
			hints.reflection().registerType(handler, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		ResponseBindingHints.register(hints, CollectResponses.class, CollectorHealthController.class,
				DataQualityController.class);
	}

}
