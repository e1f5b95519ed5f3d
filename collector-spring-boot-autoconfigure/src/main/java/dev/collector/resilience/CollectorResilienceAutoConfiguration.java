package dev.collector.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.budget.CollectorRateBudgetAutoConfiguration;
import dev.collector.budget.RateBudget;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.RecordSink;
import dev.collector.collect.RecordSinkDecorator;
import dev.collector.collect.SourceInvoker;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * Rate limiter, circuit breaker, retry and time limiter around the source call and the
 * sink's database writes ({@link CollectorResilience}), and their live reconfiguration on
 * /actuator/refresh. Uses the Resilience4j registries of resilience4j-spring-boot3 when
 * it is present (its Actuator endpoints and Micrometer binders then show our instances);
 * otherwise creates registries of its own and binds them to Micrometer.
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorRateBudgetAutoConfiguration.class },
		afterName = { "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration",
				"io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
				"io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.cloud.autoconfigure.RefreshAutoConfiguration" })
@ConditionalOnClass({ CircuitBreaker.class, RateLimiter.class, Retry.class, TimeLimiter.class })
@ConditionalOnCollector
@ConditionalOnBean(CollectorIdentity.class)
public class CollectorResilienceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimiterRegistry rateLimiterRegistry(ObjectProvider<MeterRegistry> meters) {
		RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
		if (isMicrometerPresent()) {
			meters.ifAvailable(
					(meterRegistry) -> TaggedRateLimiterMetrics.ofRateLimiterRegistry(registry).bindTo(meterRegistry));
		}
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry circuitBreakerRegistry(ObjectProvider<MeterRegistry> meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		if (isMicrometerPresent()) {
			meters.ifAvailable((meterRegistry) -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry)
				.bindTo(meterRegistry));
		}
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	RetryRegistry retryRegistry(ObjectProvider<MeterRegistry> meters) {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		if (isMicrometerPresent()) {
			meters.ifAvailable((meterRegistry) -> TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meterRegistry));
		}
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	TimeLimiterRegistry timeLimiterRegistry(ObjectProvider<MeterRegistry> meters) {
		TimeLimiterRegistry registry = TimeLimiterRegistry.ofDefaults();
		if (isMicrometerPresent()) {
			meters.ifAvailable(
					(meterRegistry) -> TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(registry).bindTo(meterRegistry));
		}
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorResilience collectorResilience(CollectorIdentity identity, CollectorProperties properties,
			RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			TimeLimiterRegistry timeLimiters, ObjectProvider<RateBudget> budget) {
		return new CollectorResilience(identity.name(), rateLimiters, circuitBreakers, retries, timeLimiters,
				properties, budget.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	SourceInvoker resilientSourceInvoker(CollectorResilience resilience) {
		return resilience::open;
	}

	@Bean
	@ConditionalOnMissingBean(name = "sinkRetryDecorator")
	RecordSinkDecorator sinkRetryDecorator(CollectorResilience resilience) {
		return new RecordSinkDecorator() {
			@Override
			public <T> RecordSink<T> decorate(RecordSink<T> sink) {
				return new RetryingRecordSink<>(sink, resilience::sinkRetry);
			}
		};
	}

	private static boolean isMicrometerPresent() {
		return org.springframework.util.ClassUtils.isPresent(
				"io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics",
				CollectorResilienceAutoConfiguration.class.getClassLoader());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class LiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LiveConfigurationListener collectorLiveConfigurationListener(Environment environment,
				ObjectProvider<CollectorResilience> resilience) {
			return new LiveConfigurationListener(environment, resilience);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(ContextRefresher.class)
		@ConditionalOnBooleanProperty("collector.config.watch")
		ConfigFileWatcher collectorConfigFileWatcher(Environment environment, CollectorProperties properties,
				ContextRefresher refresher) {
			return ConfigFileWatcher.of(environment, properties, refresher);
		}

	}

}
