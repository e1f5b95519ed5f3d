package dev.collector.collect;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's one {@link Collector}, or a clear error when it declares several.
 */
final class SingleCollector {

	private SingleCollector() {
	}

	static Collector<?> of(ObjectProvider<Collector<?>> collectors) {
		List<Collector<?>> all = collectors.orderedStream().toList();
		if (all.size() != 1) {
			throw new MultipleCollectorsException(all.stream().map((c) -> c.getClass().getName()).toList());
		}
		return all.get(0);
	}

}
