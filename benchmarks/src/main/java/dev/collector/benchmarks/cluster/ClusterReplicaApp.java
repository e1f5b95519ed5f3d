package dev.collector.benchmarks.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.schema.CollectedRecord;

/**
 * One replica of the scale-out benchmark, a JVM of its own: a web application with the
 * starter on PostgreSQL whose collector makes one request to the fake upstream
 * ({@code bench.upstream}) per day it collects and stores four readings for it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ClusterReplicaApp {

	@Bean
	UpstreamDayCollector collector(Environment environment) {
		return new UpstreamDayCollector(URI.create(environment.getRequiredProperty("bench.upstream")));
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(ClusterReplicaApp.class).run(args);
	}

	/**
	 * A reading of the benchmark.
	 *
	 * @param sensor the sensor
	 * @param takenAt when
	 * @param value the value
	 */
	@CollectedRecord(table = "bench_reading", key = { "sensor", "takenAt" }, timestamp = "takenAt", symbol = "sensor")
	public record BenchReading(@NotBlank String sensor, @NotNull Instant takenAt, double value) {
	}

	static class UpstreamDayCollector implements Collector<BenchReading> {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private final URI upstream;

		UpstreamDayCollector(URI upstream) {
			this.upstream = upstream;
		}

		@Override
		public Stream<BenchReading> collect(CollectionRequest request) throws Exception {
			List<BenchReading> readings = new ArrayList<>();
			LocalDate last = LocalDate.ofInstant(request.to().minusNanos(1), ZoneOffset.UTC);
			for (LocalDate day = LocalDate.ofInstant(request.from(), ZoneOffset.UTC); !day.isAfter(last); day = day
				.plusDays(1)) {
				HttpResponse<Void> response = this.http.send(
						HttpRequest.newBuilder(this.upstream.resolve("/readings?day=" + day)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() >= 400) {
					throw new IllegalStateException("upstream answered " + response.statusCode());
				}
				for (int i = 0; i < 4; i++) {
					Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(6L * i));
					if (!at.isBefore(request.from()) && at.isBefore(request.to())) {
						readings.add(new BenchReading("s1", at, i));
					}
				}
			}
			return readings.stream();
		}

		@Override
		public Set<String> symbols() {
			return Set.of("s1");
		}

	}

}
