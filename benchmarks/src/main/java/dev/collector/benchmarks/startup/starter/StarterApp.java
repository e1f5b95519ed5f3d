package dev.collector.benchmarks.startup.starter;

import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.collector.benchmarks.BenchItem;
import dev.collector.benchmarks.startup.ready.ReadyReporter;
import dev.collector.collect.Collector;

/**
 * The same application with the starter, an embedded H2 database and one collector.
 */
@SpringBootApplication
public class StarterApp {

	@Bean
	Collector<BenchItem> benchCollector() {
		return new Collector<>() {
			@Override
			public Stream<BenchItem> collect(dev.collector.collect.CollectionRequest request) {
				return BenchItem.range(0, 10);
			}

			@Override
			public Class<BenchItem> recordType() {
				return BenchItem.class;
			}
		};
	}

	public static void main(String[] args) {
		ReadyReporter.run(new SpringApplication(StarterApp.class), args);
	}

}
