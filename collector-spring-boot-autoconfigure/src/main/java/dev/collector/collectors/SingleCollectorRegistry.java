package dev.collector.collectors;

import java.util.List;
import java.util.Optional;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;

/**
 * The registry of an application with one collector, served by the application's own
 * context.
 *
 * @param unit the collector
 */
record SingleCollectorRegistry(CollectorUnit unit) implements CollectorRegistry {

	@Override
	public List<CollectorUnit> units() {
		return List.of(this.unit);
	}

	@Override
	public Optional<CollectorUnit> defaultUnit() {
		return Optional.of(this.unit);
	}

}
