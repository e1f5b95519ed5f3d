package dev.collector.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Trigger;
import dev.collector.config.CollectorProperties;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.ScriptedCollectorApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * POST /actuator/refresh over real HTTP applies a changed rate limit, breaker threshold,
 * batch size and log level; secrets stay masked in /actuator/env and
 * /actuator/configprops even with values shown.
 */
@AutoConfigureObservability
@SpringBootTest(classes = ScriptedCollectorApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		args = "--spring.config.additional-location=optional:file:target/live-config/live.properties",
		properties = { "spring.datasource.url=jdbc:h2:mem:live;DB_CLOSE_DELAY=-1", "collector.name=live",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql",
				"management.endpoints.web.exposure.include=*", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always", "spring.datasource.password=",
				"collector.security.api-token=s3cr3t-T0ken",
				"news.feed-url=https://user:pw@feeds.example.com/rss?token=abc&lang=en" })
class LiveConfigurationTests {

	static final Path FILE = Path.of("target/live-config/live.properties");

	static {
		write(FILE, "collector.rate-limit.requests-per-minute=60\n");
	}

	@LocalServerPort
	int port;

	@Autowired
	CollectorResilience resilience;

	@Autowired
	CollectorProperties properties;

	@Autowired
	ScriptedCollector collector;

	@Autowired
	CollectionRunner runner;

	@Autowired
	MeterRegistry meters;

	@Autowired
	LoggingSystem loggingSystem;

	@Test
	void refreshAppliesRateLimitBreakerBatchSizeAndLogLevelWithoutRestart() {
		assertThat(this.resilience.rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod()).hasSeconds(1);
		write(FILE, """
				collector.rate-limit.requests-per-minute=1200
				collector.circuit-breaker.failure-threshold=2
				collector.sink.batch-size=7
				logging.level.dev.collector.fixtures=debug
				""");
		// refresh changes the collector: without the API token it is refused and applies
		// nothing
		assertThatIllegalStateException()
			.isThrownBy(() -> http().post().uri("/actuator/refresh").retrieve().toBodilessEntity())
			.withMessageContaining("401");
		assertThat(this.properties.getSink().getBatchSize()).isNotEqualTo(7);
		List<String> changed = http().post()
			.uri("/actuator/refresh")
			.header("Authorization", "Bearer s3cr3t-T0ken")
			.retrieve()
			.body(new ParameterizedTypeReference<List<String>>() {
			});
		assertThat(changed).contains("collector.rate-limit.requests-per-minute", "collector.sink.batch-size",
				"logging.level.dev.collector.fixtures");
		assertThat(this.resilience.rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod())
			.isEqualTo(Duration.ofMillis(50));
		assertThat(this.resilience.circuitBreaker().getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(2);
		assertThat(this.properties.getSink().getBatchSize()).isEqualTo(7);
		assertThat(this.loggingSystem.getLoggerConfiguration("dev.collector.fixtures").getEffectiveLevel())
			.isEqualTo(LogLevel.DEBUG);

		// the next run writes in batches of 7: 20 records, 3 batches
		this.collector.returning(ScriptedCollector.readings(java.time.Instant.parse("2026-03-01T00:00:00Z"), 20));
		double batchesBefore = sinkBatches();
		assertThat(this.runner.run(Trigger.MANUAL).error()).isNull();
		assertThat(sinkBatches() - batchesBefore).isEqualTo(3);
	}

	@Test
	void secretsAreMaskedInActuatorEnvAndConfigprops() {
		String token = http().get().uri("/actuator/env/collector.security.api-token").retrieve().body(String.class);
		assertThat(token).doesNotContain("s3cr3t-T0ken").contains("******");
		String feed = http().get().uri("/actuator/env/news.feed-url").retrieve().body(String.class);
		assertThat(feed).doesNotContain("pw@").doesNotContain("token=abc").contains("feeds.example.com");
		String configprops = http().get().uri("/actuator/configprops").retrieve().body(String.class);
		assertThat(configprops).contains("requestsPerMinute").doesNotContain("s3cr3t-T0ken");
	}

	private double sinkBatches() {
		return this.meters.get("collector.sink.duration").timer().count();
	}

	private RestClient http() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw new IllegalStateException("HTTP " + response.getStatusCode());
			})
			.build();
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
