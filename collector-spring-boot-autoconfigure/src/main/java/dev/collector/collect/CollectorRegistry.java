package dev.collector.collect;

import java.util.List;
import java.util.Optional;

/**
 * The application's collectors, each a {@link CollectorUnit} with beans of its own. One
 * bean of this type exists whenever the application declares a {@link Collector}: with a
 * single collector its unit is the application's context itself, with several each unit
 * is a child context of it.
 */
public interface CollectorRegistry {

	/**
	 * The collectors, in the order their beans are declared.
	 * @return the units, never empty
	 */
	List<CollectorUnit> units();

	/**
	 * The collector that answers the paths without a collector name ({@code /backfill},
	 * {@code /coverage}, ...): the only one, else the one
	 * {@code collector.default-collector} names or whose bean is {@code @Primary}; empty
	 * when several collectors have none.
	 * @return the default collector
	 */
	Optional<CollectorUnit> defaultUnit();

	/**
	 * The collectors' names, in order.
	 * @return the names
	 */
	default List<String> names() {
		return units().stream().map(CollectorUnit::name).toList();
	}

	/**
	 * Whether the application declares more than one collector.
	 * @return {@code true} with several collectors
	 */
	default boolean several() {
		return units().size() > 1;
	}

	/**
	 * The collector of that name.
	 * @param name a collector's name, exactly
	 * @return the unit, empty when no collector has the name
	 */
	default Optional<CollectorUnit> find(String name) {
		return units().stream().filter((unit) -> unit.name().equals(name)).findFirst();
	}

	/**
	 * The collector of that name, or an {@link UnknownCollectorException} naming the
	 * known ones.
	 * @param name a collector's name
	 * @return the unit
	 */
	default CollectorUnit get(String name) {
		return find(name).orElseThrow(() -> new UnknownCollectorException(name, names()));
	}

}
