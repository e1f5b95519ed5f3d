package dev.collector.actuate;

import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;

/**
 * With several collectors, their health components in the application's health endpoint,
 * one composite per component name with one child per collector
 * ({@link CollectorHealthContributors}). With one collector its components are beans of
 * the application's context and Spring Boot finds them itself.
 */
@AutoConfiguration(before = HealthEndpointAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthContributorRegistry")
@ConditionalOnCollector(Cardinality.SEVERAL)
public class CollectorsHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static CollectorHealthContributors collectorHealthContributors() {
		return new CollectorHealthContributors();
	}

}
