package dev.collector.resilience;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.RecordSink;
import dev.collector.collect.SourceInvoker;
import dev.collector.collect.Trigger;
import dev.collector.collect.WriteResult;
import dev.collector.config.CollectorProperties;
import dev.collector.fixtures.Reading;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Resilience around the source call and the sink: wiring, backoff with jitter, no record
 * lost or stored twice across retries.
 */
class CollectorResilienceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class, CollectorAutoConfiguration.class,
				CollectorResilienceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.name=readings",
				"collector.schedule.enabled=false", "collector.retry.initial-delay=10ms",
				"collector.retry.max-delay=50ms")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void registersInstancesNamedAfterTheCollectorInTheRegistries() {
		this.contextRunner.withUserConfiguration(FlakyConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CollectorResilience.class).hasSingleBean(SourceInvoker.class);
			assertThat(context.getBean(CircuitBreakerRegistry.class).find("readings")).isPresent();
			assertThat(context.getBean(RateLimiterRegistry.class).find("readings")).isPresent();
			assertThat(context.getBean(RetryRegistry.class).find("readings")).isPresent();
			assertThat(context.getBean(RetryRegistry.class).find("readings-sink")).isPresent();
			assertThat(context.getBean(TimeLimiterRegistry.class).find("readings")).isPresent();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "readings").gauges()).isNotEmpty();
		});
	}

	@Test
	void backsOffWhenTheUserProvidesASourceInvoker() {
		this.contextRunner.withUserConfiguration(FlakyConfiguration.class)
			.withBean("mySourceInvoker", SourceInvoker.class, () -> SourceInvoker.DIRECT)
			.run((context) -> assertThat(context.getBean(SourceInvoker.class)).isSameAs(SourceInvoker.DIRECT));
	}

	@Test
	void retriedSourceStoresEveryRecordExactlyOnce() {
		this.contextRunner.withUserConfiguration(FlakyConfiguration.class).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute(Reading.DDL);
			FlakyCollector collector = context.getBean(FlakyCollector.class);
			collector.failures.set(2);
			CollectionResult result = context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
			assertThat(result.error()).isNull();
			assertThat(collector.calls.get()).isEqualTo(3);
			assertThat(result.counts().inserted()).isEqualTo(5);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class)).isEqualTo(5);
		});
	}

	@Test
	void sourceThatKeepsFailingFailsTheRunAfterMaxAttempts() {
		this.contextRunner.withUserConfiguration(FlakyConfiguration.class)
			.withPropertyValues("collector.retry.max-attempts=4")
			.run((context) -> {
				FlakyCollector collector = context.getBean(FlakyCollector.class);
				collector.failures.set(100);
				CollectionResult result = context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
				assertThat(result.error()).isNotNull();
				assertThat(collector.calls.get()).isEqualTo(4);
			});
	}

	@Test
	void slowSourceTimesOutPerAttempt() {
		this.contextRunner.withUserConfiguration(FlakyConfiguration.class)
			.withPropertyValues("collector.retry.attempt-timeout=200ms", "collector.retry.max-attempts=2")
			.run((context) -> {
				FlakyCollector collector = context.getBean(FlakyCollector.class);
				collector.sleepMillis = 5_000;
				long start = System.nanoTime();
				CollectionResult result = context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
				assertThat(result.error()).isNotNull();
				assertThat(collector.calls.get()).isEqualTo(2);
				assertThat(System.nanoTime() - start).isLessThan(4_000_000_000L);
			});
	}

	@Test
	void backoffGrowsExponentiallyWithJitterAndStaysUnderTheMaximum() {
		CollectorProperties properties = new CollectorProperties();
		properties.getRetry().setInitialDelay(java.time.Duration.ofMillis(100));
		properties.getRetry().setMaxDelay(java.time.Duration.ofMillis(1000));
		properties.getRetry().setMultiplier(2);
		properties.getRetry().setJitter(0.5);
		IntervalBiFunction<Object> interval = ResilienceSettings.retry(properties.getRetry(), (failure) -> true)
			.getIntervalBiFunction();
		List<Long> first = IntStream.range(0, 200)
			.mapToObj((i) -> interval.apply(1, Either.left(new RuntimeException())))
			.toList();
		List<Long> third = IntStream.range(0, 200)
			.mapToObj((i) -> interval.apply(3, Either.left(new RuntimeException())))
			.toList();
		assertThat(first).allSatisfy((delay) -> assertThat(delay).isBetween(50L, 150L));
		assertThat(third).allSatisfy((delay) -> assertThat(delay).isBetween(200L, 1000L));
		assertThat(Set.copyOf(first)).as("jitter spreads the delays").hasSizeGreaterThan(10);
		assertThat(IntStream.range(0, 200).mapToObj((i) -> interval.apply(10, Either.left(new RuntimeException()))))
			.allSatisfy((delay) -> assertThat(delay).isLessThanOrEqualTo(1000L));
	}

	@Test
	void sinkRetriesTransientDatabaseFailuresOnly() throws Exception {
		CollectorResilience resilience = new CollectorResilience("readings", RateLimiterRegistry.ofDefaults(),
				CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
				fastRetries());
		try {
			AtomicInteger writes = new AtomicInteger();
			RecordSink<String> deadlockedOnce = (batch) -> {
				if (writes.incrementAndGet() == 1) {
					throw new CannotAcquireLockException("deadlock detected");
				}
				return WriteResult.of(batch.size(), 0);
			};
			RetryingRecordSink<String> sink = new RetryingRecordSink<>(deadlockedOnce, resilience::sinkRetry);
			assertThat(sink.write(List.of("a", "b")).inserted()).isEqualTo(2);
			assertThat(writes.get()).isEqualTo(2);

			AtomicInteger rejected = new AtomicInteger();
			RetryingRecordSink<String> constraint = new RetryingRecordSink<>((batch) -> {
				rejected.incrementAndGet();
				throw new DataIntegrityViolationException("not null");
			}, resilience::sinkRetry);
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> constraint.write(List.of("a")));
			assertThat(rejected.get()).isEqualTo(1);
		}
		finally {
			resilience.destroy();
		}
	}

	@Test
	void applyingChangedPropertiesReplacesOnlyTheInstancesWhoseSettingsChanged() {
		CollectorProperties properties = fastRetries();
		CollectorResilience resilience = new CollectorResilience("readings", RateLimiterRegistry.ofDefaults(),
				CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
				properties);
		try {
			resilience.circuitBreaker().transitionToOpenState();
			properties.getRateLimit().setRequestsPerMinute(600);
			properties.getSink().setBatchSize(7);
			resilience.apply(properties);
			assertThat(resilience.rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod()).hasMillis(100);
			assertThat(resilience.circuitBreaker().getState()).as("an open breaker stays open")
				.isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);

			properties.getCircuitBreaker().setFailureThreshold(9);
			resilience.apply(properties);
			assertThat(resilience.circuitBreaker().getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(9);
			assertThat(resilience.circuitBreaker().getState())
				.isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
		}
		finally {
			resilience.destroy();
		}
	}

	private static CollectorProperties fastRetries() {
		CollectorProperties properties = new CollectorProperties();
		properties.getRetry().setInitialDelay(java.time.Duration.ofMillis(5));
		properties.getRetry().setMaxDelay(java.time.Duration.ofMillis(10));
		return properties;
	}

	@Configuration(proxyBeanMethods = false)
	static class FlakyConfiguration {

		@Bean
		FlakyCollector flakyCollector() {
			return new FlakyCollector();
		}

	}

	static class FlakyCollector implements Collector<Reading> {

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger calls = new AtomicInteger();

		volatile long sleepMillis;

		@Override
		public Stream<Reading> collect(CollectionRequest request) throws Exception {
			this.calls.incrementAndGet();
			if (this.sleepMillis > 0) {
				Thread.sleep(this.sleepMillis);
			}
			if (this.failures.getAndDecrement() > 0) {
				throw new java.io.IOException("source unavailable");
			}
			Instant start = Instant.parse("2026-01-01T00:00:00Z");
			return IntStream.range(0, 5).mapToObj((i) -> Reading.of("s1", start.plusSeconds(60L * i), i));
		}

		@Override
		public Set<String> symbols() {
			return Set.of("s1");
		}

	}

}
