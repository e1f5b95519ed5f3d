package dev.collector.security.app;

import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.schema.CollectedRecord;

/**
 * An application that uses Spring Security and the starter, with one trivial collector.
 */
@SpringBootApplication
public class SecuredCollectorApplication {

	@Bean
	TickCollector tickCollector() {
		return new TickCollector();
	}

	/**
	 * Collects one tick per run.
	 */
	public static class TickCollector implements Collector<Tick> {

		@Override
		public Stream<Tick> collect(CollectionRequest request) {
			return Stream.of(new Tick("tick-" + request.to().getEpochSecond(), request.to().minusSeconds(1)));
		}

	}

	/**
	 * The one record type.
	 *
	 * @param id the key
	 * @param seenAt the time
	 */
	@CollectedRecord(table = "tick", key = "id", timestamp = "seenAt")
	public record Tick(String id, Instant seenAt) {
	}

}
