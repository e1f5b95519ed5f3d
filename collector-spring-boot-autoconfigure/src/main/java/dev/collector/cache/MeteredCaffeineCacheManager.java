package dev.collector.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

import dev.collector.config.CacheProperties;

/**
 * Caffeine caches, created on first use by name ({@code @Cacheable("quotes")}), bounded
 * by collector.cache.max-size and expiring collector.cache.ttl after a write. Each cache
 * is bound to Micrometer when it is created, so caches made at any time export
 * {@code cache_gets_total{cache, result="hit|miss"}}, {@code cache_puts_total},
 * {@code cache_evictions_total} and {@code cache_size}.
 */
public class MeteredCaffeineCacheManager extends CaffeineCacheManager {

	private final MeterRegistry meters;

	private final Tags tags;

	public MeteredCaffeineCacheManager(CacheProperties properties, MeterRegistry meters, String collectorName) {
		this.meters = meters;
		this.tags = Tags.of("collector", collectorName);
		setCaffeine(Caffeine.newBuilder()
			.maximumSize(properties.getMaxSize())
			.expireAfterWrite(properties.getTtl())
			.recordStats());
	}

	@Override
	protected Cache adaptCaffeineCache(String name, com.github.benmanes.caffeine.cache.Cache<Object, Object> cache) {
		if (this.meters != null) {
			CaffeineCacheMetrics.monitor(this.meters, cache, name, this.tags);
		}
		return super.adaptCaffeineCache(name, cache);
	}

}
