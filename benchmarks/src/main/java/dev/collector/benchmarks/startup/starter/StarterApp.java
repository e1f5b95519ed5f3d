package dev.collector.benchmarks.startup.starter;

import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

import dev.collector.benchmarks.BenchItem;
import dev.collector.benchmarks.startup.ready.ReadyReporter;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;

/**
 * The same application with the starter, an embedded H2 database and one collector. The
 * collector is a component, as in the sample and the getting-started guide: a
 * {@code @Bean} method on this class would have Spring proxy the class with CGLIB (about
 * a hundred classes more to load), a cost of how the application is written that the bare
 * application does not pay either.
 */
@SpringBootApplication
public class StarterApp {

	public static void main(String[] args) {
		ReadyReporter.run(new SpringApplication(StarterApp.class), args);
	}

	/** Ten records a collection. */
	@Component
	static class BenchCollector implements Collector<BenchItem> {

		@Override
		public Stream<BenchItem> collect(CollectionRequest request) {
			return BenchItem.range(0, 10);
		}

		@Override
		public Class<BenchItem> recordType() {
			return BenchItem.class;
		}

	}

}
