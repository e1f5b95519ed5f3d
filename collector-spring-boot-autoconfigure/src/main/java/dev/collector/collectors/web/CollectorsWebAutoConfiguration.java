package dev.collector.collectors.web;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.collector.backfill.BackfillProblemHandler;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.collectors.CollectorsAutoConfiguration;
import dev.collector.ops.CollectorSharedOperationsAutoConfiguration;
import dev.collector.web.CollectorSharedWebAutoConfiguration;

/**
 * The HTTP paths of the collectors as named units, with one collector or several:
 * {@code GET /collectors}, and each collector's endpoints under
 * {@code /collectors/<name>/}. With several collectors, also the aggregate endpoints
 * ({@code POST /collect}, {@code GET /status}, {@code /health}, {@code /ready},
 * {@code /data-quality}) and the other paths of today without a prefix, for the default
 * collector or the one {@code ?collector=<name>} names.
 */
@AutoConfiguration(after = { CollectorsAutoConfiguration.class, WebMvcAutoConfiguration.class,
		CollectorSharedWebAutoConfiguration.class, CollectorSharedOperationsAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBean(CollectorRegistry.class)
public class CollectorsWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CollectorsController collectorsController(CollectorRegistry registry) {
		return new CollectorsController(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	UnknownCollectorPaths collectorUnknownPaths(CollectorRegistry registry) {
		return new UnknownCollectorPaths(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorsProblemHandler collectorsProblemHandler() {
		return new CollectorsProblemHandler();
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorPathsHandlerMapping")
	CollectorHandlerMapping collectorPathsHandlerMapping(CollectorRegistry registry,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> application,
			ObjectProvider<WebMvcConfigurer> configurers) {
		return configured(CollectorHandlerMapping.prefixed(registry), application, configurers);
	}

	/**
	 * Configured like the application's mapping: its content negotiation and path
	 * parsing, and the interceptors of the application's {@link WebMvcConfigurer}s (the
	 * {@code MappedInterceptor} beans every mapping finds by itself).
	 */
	static CollectorHandlerMapping configured(CollectorHandlerMapping mapping,
			ObjectProvider<RequestMappingHandlerMapping> application, ObjectProvider<WebMvcConfigurer> configurers) {
		RequestMappingHandlerMapping main = application.getIfAvailable();
		if (main != null) {
			mapping.setApplicationMapping(main);
			mapping.setContentNegotiationManager(main.getContentNegotiationManager());
			if (main.getPatternParser() != null) {
				mapping.setPatternParser(main.getPatternParser());
			}
		}
		Interceptors interceptors = new Interceptors();
		configurers.orderedStream().forEach((configurer) -> configurer.addInterceptors(interceptors));
		mapping.setInterceptors(interceptors.all().toArray());
		return mapping;
	}

	/**
	 * What serves several collectors from the application's context.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector(Cardinality.SEVERAL)
	static class SeveralCollectorsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CollectorAggregatesController collectorAggregatesController(CollectorRegistry registry,
				ObjectProvider<ObjectMapper> objectMapper, Clock clock) {
			return new CollectorAggregatesController(registry,
					objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()), clock);
		}

		@Bean
		@ConditionalOnMissingBean(name = "collectorUnprefixedHandlerMapping")
		CollectorHandlerMapping collectorUnprefixedHandlerMapping(CollectorRegistry registry,
				@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> application,
				ObjectProvider<WebMvcConfigurer> configurers) {
			return configured(CollectorHandlerMapping.unprefixed(registry, new CollectorChoice(registry)), application,
					configurers);
		}

		// with one collector the backfill's own configuration declares it
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = "com.github.kagkarlsson.scheduler.Scheduler")
		BackfillProblemHandler backfillProblemHandler() {
			return new BackfillProblemHandler();
		}

	}

	/** The interceptors {@link WebMvcConfigurer}s add. */
	static final class Interceptors extends InterceptorRegistry {

		List<Object> all() {
			return getInterceptors();
		}

	}

}
