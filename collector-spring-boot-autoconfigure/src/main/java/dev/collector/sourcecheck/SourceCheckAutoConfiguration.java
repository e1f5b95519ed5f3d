package dev.collector.sourcecheck;

import java.time.Clock;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.collector.collect.SingleCollector;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.SourceCheckProperties;

/**
 * The connectivity check of the source: {@link SourceChecker} (used by
 * {@code POST /collect?validate_only=true}) and the {@code collectorSource} health
 * component (disable with {@code management.health.collector-source.enabled=false}).
 */
@AutoConfiguration(before = HealthContributorAutoConfiguration.class, after = CollectorAutoConfiguration.class)
@ConditionalOnCollector
@EnableConfigurationProperties(CollectorProperties.class)
public class SourceCheckAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SourceChecker collectorSourceChecker(ListableBeanFactory beanFactory, CollectorProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<CollectorIdentity> identity) {
		SourceCheckProperties check = properties.getSourceCheck();
		CollectorIdentity named = identity.getIfAvailable();
		return new SourceChecker((named != null) ? named.name() : null, SingleCollector.of(beanFactory),
				clock.getIfAvailable(Clock::systemUTC), check.getInterval(), check.getTimeout(), check.getWindow());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("collector-source")
	static class SourceHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "collectorSourceHealthIndicator")
		SourceHealthIndicator collectorSourceHealthIndicator(SourceChecker checker) {
			return new SourceHealthIndicator(checker);
		}

	}

}
