package dev.collector.web;

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

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.info.BuildProperties;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.actuate.CollectorHealthAutoConfiguration;
import dev.collector.actuate.CollectorHealthIndicator;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectorStatus;
import dev.collector.config.CollectorIdentity;
import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseAvailabilityAutoConfiguration;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.metrics.CollectorCustomMetricsAutoConfiguration;
import dev.collector.metrics.ScrapeDuration;
import dev.collector.sourcecheck.SourceCheckAutoConfiguration;
import dev.collector.sourcecheck.SourceChecker;

/**
 * The collector's HTTP endpoints: {@code POST /collect}, {@code GET /health},
 * {@code GET /ready} and {@code GET /metrics}, with problem+json errors; problem answers
 * for whatever no advice answered on the collector's paths
 * ({@link CollectorErrorFilter}); and, with a database, fail-fast of the endpoints that
 * need it while it is unavailable ({@link DatabaseAvailabilityInterceptor}).
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorHealthAutoConfiguration.class,
		PrometheusMetricsExportAutoConfiguration.class, CollectorCustomMetricsAutoConfiguration.class,
		SourceCheckAutoConfiguration.class, DatabaseAvailabilityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnCollector
public class CollectorWebAutoConfiguration {

	@Bean
	@ConditionalOnClass(name = "org.springdoc.core.configuration.SpringDocConfiguration")
	@ConditionalOnBooleanProperty(name = "collector.openapi.lazy", matchIfMissing = true)
	static LazySpringDocPostProcessor collectorLazySpringDocPostProcessor() {
		return new LazySpringDocPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	CollectController collectController(CollectionLauncher launcher, ObjectProvider<SourceChecker> sourceChecker,
			CollectorIdentity identity) {
		return new CollectController(launcher, sourceChecker, identity.name());
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorHealthController collectorHealthController(CollectorIdentity identity, CollectorStatus status,
			ObjectProvider<CollectorHealthIndicator> collectorHealth, ObjectProvider<DatabaseAvailability> database,
			ApplicationAvailability availability, ObjectProvider<BuildProperties> buildProperties, Clock clock) {
		return new CollectorHealthController(identity, status, collectorHealth, database, availability, buildProperties,
				clock);
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
