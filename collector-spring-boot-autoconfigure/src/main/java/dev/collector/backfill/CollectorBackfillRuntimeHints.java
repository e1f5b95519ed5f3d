package dev.collector.backfill;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.collector.aot.ResponseBindingHints;

/**
 * Native-image hints of the backfill endpoints: the JSON of {@code /backfill} and
 * {@code /coverage} (the handlers answer {@code ResponseEntity<?>}, whose body type
 * Spring cannot see at build time). Listed in {@code META-INF/spring/aot.factories}.
 */
class CollectorBackfillRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		ResponseBindingHints.register(hints, BackfillResponses.class);
	}

}
