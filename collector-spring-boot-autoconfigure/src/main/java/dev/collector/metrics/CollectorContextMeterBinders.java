package dev.collector.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the {@link MeterBinder} beans of a collector's own context (the rate budget's
 * gauges, for one, or a binder of its {@code CollectorSpecification}) to the
 * application's meter registry. Spring Boot binds the binders of the context that holds
 * the registry, the application's, and does not see those of a collector's context.
 * Imported in the collectors' contexts only (see
 * {@code META-INF/spring/dev.collector.collectors.CollectorContextConfiguration.imports}),
 * where the registry is the application's; with a single collector Spring Boot binds them
 * itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
public class CollectorContextMeterBinders {

	@Bean
	static SmartInitializingSingleton collectorContextMeterBinding(ListableBeanFactory beanFactory,
			ObjectProvider<MeterRegistry> registry) {
		// the context's own binders only: those of the application are bound already
		return () -> registry.ifAvailable((meters) -> beanFactory.getBeansOfType(MeterBinder.class)
			.values()
			.forEach((binder) -> binder.bindTo(meters)));
	}

}
