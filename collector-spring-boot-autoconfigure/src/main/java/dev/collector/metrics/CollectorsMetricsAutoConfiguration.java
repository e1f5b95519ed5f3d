package dev.collector.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.config.CollectorProperties;

/**
 * With several collectors, the meters that belong to the application rather than to one
 * collector: the duration of the {@code GET /metrics} scrape ({@link ScrapeDuration}),
 * which the application's context serves for all collectors. The collectors' contexts use
 * this bean instead of one of their own, which no scrape would ever record.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		afterName = "dev.collector.collectors.CollectorsAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnCollector(Cardinality.SEVERAL)
@ConditionalOnBean(MeterRegistry.class)
public class CollectorsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScrapeDuration collectorScrapeDuration(MeterRegistry registry, CollectorProperties properties,
			CollectorRegistry collectors) {
		return new ScrapeDuration(registry, properties.getMetrics().getPrefix(), collectors.names());
	}

}
