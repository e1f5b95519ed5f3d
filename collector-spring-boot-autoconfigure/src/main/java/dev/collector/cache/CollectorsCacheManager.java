package dev.collector.cache;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.RunningCollector;
import dev.collector.config.CacheProperties;
import dev.collector.config.CollectorProperties;

/**
 * The cache manager of an application with several collectors: a
 * {@link MeteredCaffeineCacheManager} per collector, picked by the collector whose run is
 * in progress on the calling thread ({@link RunningCollector}), each sized by that
 * collector's {@code collector.cache.*} and measured with its {@code collector} tag.
 * Calls outside any run share one more manager, sized by the application's
 * {@code collector.cache.*} and measured with {@code collector="none"}.
 */
public class CollectorsCacheManager implements CacheManager {

	/** The collector's name on the caches used outside any collector's run. */
	public static final String NO_COLLECTOR = "none";

	private final Supplier<CollectorRegistry> registry;

	private final MeterRegistry meters;

	private final MeteredCaffeineCacheManager shared;

	private final Map<String, MeteredCaffeineCacheManager> byCollector = new ConcurrentHashMap<>();

	/**
	 * Create the manager.
	 * @param properties the application's properties, for the caches used outside a run
	 * @param registry the collectors, asked when a collector first uses a cache
	 * @param meters the registry to bind each cache to, or {@code null} for none
	 */
	public CollectorsCacheManager(CollectorProperties properties, Supplier<CollectorRegistry> registry,
			MeterRegistry meters) {
		this.registry = registry;
		this.meters = meters;
		this.shared = manager(properties.getCache(), NO_COLLECTOR);
	}

	@Override
	public Cache getCache(String name) {
		return current().getCache(name);
	}

	@Override
	public Collection<String> getCacheNames() {
		Set<String> names = new LinkedHashSet<>(this.shared.getCacheNames());
		this.byCollector.values().forEach((manager) -> names.addAll(manager.getCacheNames()));
		return names;
	}

	/**
	 * The cache of that name of one collector, as its runs see it.
	 * @param collector the collector's name
	 * @param name the cache's name
	 * @return the cache, created when it did not exist
	 */
	public Cache getCache(String collector, String name) {
		return managerOf(collector).getCache(name);
	}

	private CacheManager current() {
		return RunningCollector.current().map(this::managerOf).orElse(this.shared);
	}

	private MeteredCaffeineCacheManager managerOf(String collector) {
		return this.byCollector.computeIfAbsent(collector,
				(name) -> Optional.ofNullable(this.registry.get())
					.flatMap((collectors) -> collectors.find(name))
					.flatMap((unit) -> unit.find(CollectorProperties.class))
					.map((properties) -> manager(properties.getCache(), name))
					.orElse(this.shared));
	}

	private MeteredCaffeineCacheManager manager(CacheProperties cache, String collector) {
		return new MeteredCaffeineCacheManager(cache.getMaxSize(), cache.getTtl(), this.meters, collector);
	}

}
