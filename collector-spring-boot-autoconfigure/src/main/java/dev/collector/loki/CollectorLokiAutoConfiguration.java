package dev.collector.loki;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * Direct log shipping to Grafana Loki ({@link LokiAppenderInstaller}), when
 * {@code collector.logging.loki.url} is set and loki4j
 * ({@code com.github.loki4j:loki-logback-appender}) is on the class path. The default
 * path needs none of this: JSON lines on stdout, collected by the cluster's agent.
 */
@AutoConfiguration
@ConditionalOnClass(name = { "com.github.loki4j.logback.Loki4jAppender", "ch.qos.logback.classic.LoggerContext" })
@ConditionalOnProperty("collector.logging.loki.url")
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorLokiAutoConfiguration {

	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnMissingBean
	LokiAppenderInstaller collectorLokiAppenderInstaller(CollectorProperties properties, Environment environment) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			throw new IllegalStateException("collector.logging.loki.url is set but Logback is not the logging system");
		}
		CollectorIdentity identity = CollectorIdentity.resolve(properties, environment);
		String service = environment.getProperty("spring.application.name", identity.name());
		return new LokiAppenderInstaller(context, properties.getLogging().getLoki(), service, identity.name(),
				identity.instanceId());
	}

}
