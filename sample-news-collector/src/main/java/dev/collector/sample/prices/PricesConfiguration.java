package dev.collector.sample.prices;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers the prices collector, as the bean {@code prices}, unless
 * {@code prices.enabled=false}: the application then runs two collectors side by side.
 * The default is in the condition, not only in {@code application.yaml}: an AOT build
 * decides conditions when it is built.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "prices.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PricesProperties.class)
public class PricesConfiguration {

	/** Name of the collector's bean. */
	public static final String BEAN_NAME = "prices";

	@Bean(BEAN_NAME)
	PricesCollector prices(PricesProperties properties, ResourceLoader resourceLoader) {
		return new PricesCollector(properties, resourceLoader);
	}

}
