package dev.collector.sample.prices;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers the prices collector, as the bean {@code prices}, when
 * {@code prices.enabled=true}.
 * <p>
 * Off by default: the starter runs one collector per application for now, and the news
 * collector is that one (two {@code Collector} beans stop the start-up). Once the starter
 * runs several collectors side by side, the default turns on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "prices.enabled", havingValue = "true")
@EnableConfigurationProperties(PricesProperties.class)
public class PricesConfiguration {

	/** Name of the collector's bean. */
	public static final String BEAN_NAME = "prices";

	@Bean(BEAN_NAME)
	PricesCollector prices(PricesProperties properties, ResourceLoader resourceLoader) {
		return new PricesCollector(properties, resourceLoader);
	}

}
