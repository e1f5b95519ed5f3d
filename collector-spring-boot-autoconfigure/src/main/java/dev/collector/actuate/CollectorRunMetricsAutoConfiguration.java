package dev.collector.actuate;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.CollectorStatus;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * The meters of the collection runs (see {@link RunMetrics} for the names); the authors'
 * own meters are set up by {@code CollectorCustomMetricsAutoConfiguration}.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		CollectorAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnCollector
@ConditionalOnBean(MeterRegistry.class)
public class CollectorRunMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunMetrics collectionMetrics(MeterRegistry registry, CollectorProperties properties, CollectorIdentity identity,
			CollectorStatus status) {
		return new RunMetrics(registry, properties.getMetrics().getPrefix(), identity.name(), status);
	}

}
