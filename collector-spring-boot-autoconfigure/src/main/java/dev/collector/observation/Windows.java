package dev.collector.observation;

import java.time.Instant;

/**
 * Renders a window as a key value.
 */
final class Windows {

	private Windows() {
	}

	static String of(Instant from, Instant to) {
		return (from != null && to != null) ? from + "/" + to : "unknown";
	}

}
