package dev.collector.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.RunningCollector;
import dev.collector.resilience.CollectorResilience;

/**
 * The resilience of the collector whose run is in progress on the calling thread
 * ({@link RunningCollector}), found in its own context; {@code null} outside any run, or
 * for a collector without one.
 */
class RunningCollectorResilience implements Supplier<CollectorResilience> {

	private final Supplier<CollectorRegistry> registry;

	private final Map<String, Optional<CollectorResilience>> byName = new ConcurrentHashMap<>();

	/**
	 * Create the supplier.
	 * @param registry the collectors, asked at the first request of each
	 */
	RunningCollectorResilience(Supplier<CollectorRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public CollectorResilience get() {
		return RunningCollector.current()
			.flatMap((name) -> this.byName.computeIfAbsent(name, this::resilienceOf))
			.orElse(null);
	}

	private Optional<CollectorResilience> resilienceOf(String name) {
		CollectorRegistry collectors = this.registry.get();
		return Optional.ofNullable(collectors)
			.flatMap((registry) -> registry.find(name))
			.flatMap((unit) -> unit.find(CollectorResilience.class));
	}

}
