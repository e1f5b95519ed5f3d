package dev.collector.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorLoggingProperties;
import dev.collector.config.CollectorProperties;

/**
 * The request log of the collector's endpoints ({@link RequestLoggingFilter}); switch it
 * off with {@code collector.logging.requests.enabled=false}.
 */
@AutoConfiguration(after = CollectorAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBean(Collector.class)
@ConditionalOnBooleanProperty(name = "collector.logging.requests.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorRequestLoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestLoggingFilter collectorRequestLoggingFilter(CollectorProperties properties) {
		CollectorLoggingProperties.Requests requests = properties.getLogging().getRequests();
		return new RequestLoggingFilter(requests.getLevel(), requests.getInclude(), requests.getExclude());
	}

}
