package dev.collector.ops;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.Collector;
import dev.collector.logs.CollectorLogsAutoConfiguration;
import dev.collector.logs.LogRingBuffer;

/**
 * The operations surface all collectors share, in the application's context whether it
 * declares one collector or several: GET /logs, the status page at /collector, and the
 * problem answers of the operations endpoints (controller advice must live in the context
 * the dispatcher serves, so it also answers for the controllers of each collector's own
 * context).
 */
@AutoConfiguration(after = CollectorLogsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBean(Collector.class)
public class CollectorSharedOperationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusPageController collectorStatusPageController() {
		return new StatusPageController();
	}

	@Bean
	@ConditionalOnMissingBean
	OperationsProblemHandler collectorOperationsProblemHandler() {
		return new OperationsProblemHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LogRingBuffer.class)
	LogsController collectorLogsController(LogRingBuffer buffer) {
		return new LogsController(buffer);
	}

}
