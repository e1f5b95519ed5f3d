package dev.collector.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorProperties;

/**
 * Keeps the newest log entries of the whole application in memory for GET /logs: a
 * bounded {@link LogRingBuffer} fed by a Logback appender on the root logger. Off with
 * {@code collector.logs.enabled=false}; without Logback there is no buffer.
 */
@AutoConfiguration(after = CollectorAutoConfiguration.class)
@ConditionalOnClass(LoggerContext.class)
@ConditionalOnBean(Collector.class)
@ConditionalOnBooleanProperty(name = "collector.logs.enabled", matchIfMissing = true)
public class CollectorLogsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LogRingBuffer collectorLogRingBuffer(CollectorProperties properties) {
		return new LogRingBuffer(properties.getLogs().getBufferSize());
	}

	@Bean
	@ConditionalOnMissingBean
	RingBufferAppenderRegistration collectorRingBufferAppender(LogRingBuffer buffer) {
		return new RingBufferAppenderRegistration(buffer);
	}

	/**
	 * Attaches the appender to Logback's root logger while the context lives.
	 */
	static class RingBufferAppenderRegistration implements InitializingBean, DisposableBean {

		private final RingBufferAppender appender;

		RingBufferAppenderRegistration(LogRingBuffer buffer) {
			this.appender = new RingBufferAppender(buffer);
		}

		@Override
		public void afterPropertiesSet() {
			if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
				return;
			}
			this.appender.setContext(context);
			this.appender.start();
			context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
		}

		@Override
		public void destroy() {
			if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
				context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
			}
			this.appender.stop();
		}

	}

}
