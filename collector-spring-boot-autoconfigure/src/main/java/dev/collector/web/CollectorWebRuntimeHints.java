package dev.collector.web;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.collector.aot.ResponseBindingHints;

/**
 * Native-image hints of the collector's own endpoints: the JSON of {@code /collect},
 * {@code /health} and {@code /ready} (the handlers answer {@code ResponseEntity<?>},
 * whose body type Spring cannot see at build time; the backfill's endpoints have
 * {@code CollectorBackfillRuntimeHints}). Listed in
 * {@code META-INF/spring/aot.factories}.
 */
class CollectorWebRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		ResponseBindingHints.register(hints, CollectResponses.class, SourceCheckResponse.class,
				CollectorHealthController.class);
	}

}
