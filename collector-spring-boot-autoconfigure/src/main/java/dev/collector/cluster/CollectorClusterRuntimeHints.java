package dev.collector.cluster;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints of cluster execution: db-scheduler stores the data of the
 * collection's task instance ({@link CollectionOrder}) with Java serialization. Listed in
 * {@code META-INF/spring/aot.factories}.
 */
class CollectorClusterRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.serialization().registerType(CollectionOrder.class);
	}

}
