package dev.collector.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.client.HttpClientErrorException;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.fixtures.LoggingLeftAlone;
import dev.collector.fixtures.Reading;

/**
 * One replica of a collector that makes one HTTP request to an upstream per day it
 * collects (so the requests the upstream counts are the permits of the rate budget),
 * either in this JVM ({@link #start}) or as a JVM of its own ({@link #main}, started by
 * the tests as a child process they can kill).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class UpstreamReplica {

	/** Readings per day and sensor. */
	public static final int PER_DAY = 4;

	/** The header that names the replica that sent a request (for failure messages). */
	static final String REPLICA_HEADER = "X-Replica";

	@Bean
	UpstreamCollector collector(Environment environment) {
		return new UpstreamCollector(URI.create(environment.getRequiredProperty("test.upstream")),
				environment.getRequiredProperty("collector.instance-id"));
	}

	/**
	 * Properties every replica of the tests gets.
	 * @param instanceId the replica's identity
	 * @param upstream the upstream's URL
	 * @return the properties
	 */
	static List<String> properties(String instanceId, String upstream) {
		return new ArrayList<>(List.of("spring.main.banner-mode=off", "collector.name=readings",
				"collector.instance-id=" + instanceId, "collector.jdbc.initialize-schema=always",
				"collector.schedule.enabled=false", "collector.backfill.batch-size=1", "test.upstream=" + upstream,
				"collector.circuit-breaker.failure-threshold=1000", "collector.retry.max-attempts=6",
				"collector.retry.max-delay=10s", "logging.level.root=warn",
				"logging.level.dev.collector.cluster.RestartRecovery=info"));
	}

	static ConfigurableApplicationContext start(DataSource dataSource, List<String> properties) {
		// the replicas in this JVM run beside other tests
		return LoggingLeftAlone.apply(new SpringApplicationBuilder(UpstreamReplica.class).web(WebApplicationType.NONE))
			.properties(properties.toArray(String[]::new))
			.initializers((context) -> ((org.springframework.context.support.GenericApplicationContext) context)
				.registerBean("dataSource", DataSource.class, () -> new DelegatingDataSource(dataSource)))
			.run();
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(UpstreamReplica.class).web(WebApplicationType.NONE).run(args);
	}

	/**
	 * Collects sensor s1: one upstream request per day, then {@link #PER_DAY} readings. A
	 * 429 becomes Spring's {@link HttpClientErrorException} with its Retry-After.
	 */
	static class UpstreamCollector implements Collector<Reading> {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private final URI upstream;

		private final String replica;

		UpstreamCollector(URI upstream, String replica) {
			this.upstream = upstream;
			this.replica = replica;
		}

		@Override
		public Stream<Reading> collect(CollectionRequest request) throws Exception {
			List<Reading> readings = new ArrayList<>();
			LocalDate last = LocalDate.ofInstant(request.to().minusNanos(1), ZoneOffset.UTC);
			for (LocalDate day = LocalDate.ofInstant(request.from(), ZoneOffset.UTC); !day.isAfter(last); day = day
				.plusDays(1)) {
				HttpResponse<String> response = this.http
					.send(HttpRequest.newBuilder(this.upstream.resolve("/readings?day=" + day))
						.header(REPLICA_HEADER, this.replica)
						.GET()
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 429) {
					HttpHeaders headers = new HttpHeaders();
					response.headers()
						.firstValue("Retry-After")
						.ifPresent((value) -> headers.add("Retry-After", value));
					throw HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", headers,
							response.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
				}
				if (response.statusCode() >= 400) {
					throw new IllegalStateException("upstream answered " + response.statusCode());
				}
				for (int i = 0; i < PER_DAY; i++) {
					Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(6L * i));
					if (!at.isBefore(request.from()) && at.isBefore(request.to())) {
						readings.add(Reading.of("s1", at, i));
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
