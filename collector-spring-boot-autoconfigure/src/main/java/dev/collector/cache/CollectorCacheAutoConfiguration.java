package dev.collector.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * A response cache for collector authors' idempotent look-ups: Spring Cache
 * ({@code @Cacheable}) on Caffeine, with TTL, size bound and hit/miss metrics
 * ({@link MeteredCaffeineCacheManager}). Backs off when the application has a
 * {@link CacheManager} of its own.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class,
		afterName = { "dev.collector.collect.CollectorAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ Caffeine.class, CaffeineCacheManager.class })
@ConditionalOnCollector
@ConditionalOnBean(CollectorIdentity.class)
@EnableCaching
public class CollectorCacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CacheManager.class)
	MeteredCaffeineCacheManager cacheManager(CollectorProperties properties, CollectorIdentity identity,
			ObjectProvider<MeterRegistry> meters) {
		return new MeteredCaffeineCacheManager(properties.getCache().getMaxSize(), properties.getCache().getTtl(),
				meters.getIfAvailable(), identity.name());
	}

}
