package dev.collector.actuate;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.CollectorStatus;
import dev.collector.config.CollectorProperties;

/**
 * The {@code collector} health component (disable with
 * {@code management.health.collector.enabled=false}).
 */
@AutoConfiguration(before = HealthContributorAutoConfiguration.class, after = CollectorAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnCollector
@ConditionalOnEnabledHealthIndicator("collector")
public class CollectorHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "collectorHealthIndicator")
	CollectorHealthIndicator collectorHealthIndicator(CollectorStatus status, CollectorProperties properties,
			Clock clock) {
		return new CollectorHealthIndicator(status, properties.getHealth().getFailureThreshold(),
				staleAfter(properties), clock);
	}

	static Duration staleAfter(CollectorProperties properties) {
		if (properties.getHealth().getStaleAfter() != null) {
			return properties.getHealth().getStaleAfter();
		}
		return properties.getSchedule().isEnabled() ? properties.getSchedule().getInterval().multipliedBy(3) : null;
	}

}
