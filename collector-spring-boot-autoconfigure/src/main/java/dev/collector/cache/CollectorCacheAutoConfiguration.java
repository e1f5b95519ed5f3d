package dev.collector.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * A response cache for collector authors' idempotent look-ups: Spring Cache
 * ({@code @Cacheable}) on Caffeine, with TTL, size bound and hit/miss metrics
 * ({@link MeteredCaffeineCacheManager}), when the application enables caching with
 * {@code @EnableCaching}, as Spring Boot's own cache auto-configuration requires. The
 * starter does not enable it: that would make Spring match the cache annotations against
 * every method of every bean of every application at start-up, used or not. Backs off
 * when the application has a {@link CacheManager} of its own.
 * <p>
 * With several collectors caching is enabled in the application's context, where the
 * collectors are, and its {@link CollectorsCacheManager} keeps the caches of each
 * collector apart: {@code @Cacheable("rates")} during a run of {@code prices} uses
 * {@code prices}' own {@code rates} cache, sized by its {@code collector.cache.*} (with
 * its {@code collector.collectors.prices.cache.*} overrides) and measured with
 * {@code collector="prices"}.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class,
		afterName = { "dev.collector.collect.CollectorAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ Caffeine.class, CaffeineCacheManager.class })
@ConditionalOnBean({ Collector.class, CacheAspectSupport.class })
public class CollectorCacheAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector
	@ConditionalOnBean(CollectorIdentity.class)
	static class OneCollectorConfiguration {

		@Bean
		@ConditionalOnMissingBean(CacheManager.class)
		MeteredCaffeineCacheManager cacheManager(CollectorProperties properties, CollectorIdentity identity,
				ObjectProvider<MeterRegistry> meters) {
			return new MeteredCaffeineCacheManager(properties.getCache().getMaxSize(), properties.getCache().getTtl(),
					meters.getIfAvailable(), identity.name());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector(Cardinality.SEVERAL)
	@EnableConfigurationProperties(CollectorProperties.class)
	static class SeveralCollectorsConfiguration {

		@Bean
		@ConditionalOnMissingBean(CacheManager.class)
		CollectorsCacheManager cacheManager(CollectorProperties properties, ObjectProvider<CollectorRegistry> registry,
				ObjectProvider<MeterRegistry> meters) {
			return new CollectorsCacheManager(properties, registry::getIfAvailable, meters.getIfAvailable());
		}

	}

}
