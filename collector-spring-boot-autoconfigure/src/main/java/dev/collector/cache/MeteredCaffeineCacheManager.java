package dev.collector.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

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

	/**
	 * Create the manager.
	 * @param maxSize entries each cache holds at most
	 * @param ttl time an entry is kept after it was written
	 * @param meters the registry to bind each cache to, or {@code null} for none
	 * @param collectorName the collector's name, the {@code collector} tag
	 */
	public MeteredCaffeineCacheManager(long maxSize, Duration ttl, MeterRegistry meters, String collectorName) {
		this.meters = meters;
		this.tags = Tags.of("collector", collectorName);
		setCaffeine(Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).recordStats());
	}

	@Override
	protected Cache adaptCaffeineCache(String name, com.github.benmanes.caffeine.cache.Cache<Object, Object> cache) {
		if (this.meters != null) {
			CaffeineCacheMetrics.monitor(this.meters, cache, name, this.tags);
		}
		return super.adaptCaffeineCache(name, cache);
	}

}
