package dev.collector.metrics;

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
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * The metrics facade for collector authors ({@link CollectorMetrics}) and the scrape
 * duration gauge ({@link ScrapeDuration}).
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		CollectorAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnCollector
@ConditionalOnBean(MeterRegistry.class)
public class CollectorCustomMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CollectorMetrics collectorCustomMetrics(MeterRegistry registry, CollectorProperties properties,
			CollectorIdentity identity) {
		return new CollectorMetrics(registry, properties.getMetrics().getPrefix(), identity.name(),
				properties.getMetrics().getMaxLabelSets());
	}

	@Bean
	@ConditionalOnMissingBean
	ScrapeDuration collectorScrapeDuration(MeterRegistry registry, CollectorProperties properties,
			CollectorIdentity identity) {
		return new ScrapeDuration(registry, properties.getMetrics().getPrefix(), identity.name());
	}

}
