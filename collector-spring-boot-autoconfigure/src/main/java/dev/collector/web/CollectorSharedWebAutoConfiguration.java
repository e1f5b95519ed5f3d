package dev.collector.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseAvailabilityAutoConfiguration;
import dev.collector.metrics.CollectorCustomMetricsAutoConfiguration;
import dev.collector.metrics.ScrapeDuration;

/**
 * What the HTTP layer of all collectors shares, in the application's context whether it
 * declares one collector or several: {@code GET /metrics}, problem+json answers of the
 * collectors' controllers (controller advice must live in the context the dispatcher
 * serves, so it also answers for the controllers of each collector's own context),
 * problem answers for whatever no advice answered on the collector's paths
 * ({@link CollectorErrorFilter}), and, with a database, fail-fast of the endpoints that
 * need it while it is unavailable ({@link DatabaseAvailabilityInterceptor}).
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
		CollectorCustomMetricsAutoConfiguration.class, DatabaseAvailabilityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBean(Collector.class)
public class CollectorSharedWebAutoConfiguration {

	@Bean
	@ConditionalOnClass(name = "org.springdoc.core.configuration.SpringDocConfiguration")
	@ConditionalOnBooleanProperty(name = "collector.openapi.lazy", matchIfMissing = true)
	static LazySpringDocPostProcessor collectorLazySpringDocPostProcessor() {
		return new LazySpringDocPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorProblemHandler collectorProblemHandler() {
		return new CollectorProblemHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorErrorFilter collectorErrorFilter(ObjectProvider<DatabaseAvailability> database) {
		return new CollectorErrorFilter(database);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DatabaseAvailability.class)
	static class DatabaseAvailabilityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DatabaseAvailabilityInterceptor collectorDatabaseAvailabilityInterceptor(DatabaseAvailability availability) {
			return new DatabaseAvailabilityInterceptor(availability);
		}

		@Bean
		WebMvcConfigurer collectorDatabaseAvailabilityWebMvcConfigurer(DatabaseAvailabilityInterceptor interceptor) {
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(interceptor);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PrometheusScrapeEndpoint.class)
	static class PrometheusMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PrometheusMetricsController prometheusMetricsController(ObjectProvider<PrometheusScrapeEndpoint> scrapeEndpoint,
				ObjectProvider<ScrapeDuration> scrapeDuration) {
			return new PrometheusMetricsController(scrapeEndpoint, scrapeDuration);
		}

	}

}
