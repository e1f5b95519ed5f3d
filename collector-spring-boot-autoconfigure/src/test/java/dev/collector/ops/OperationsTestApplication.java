package dev.collector.ops;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.collector.fixtures.ScriptedCollector;

/**
 * The application of {@link OperationsEndpointsTests}: a scripted collector, breaker and
 * limiter registries holding a "source" instance, and a probe section for /status.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OperationsTestApplication {

	@Bean
	ScriptedCollector scriptedCollector() {
		return new ScriptedCollector();
	}

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry() {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		registry.circuitBreaker("source");
		return registry;
	}

	@Bean
	RateLimiterRegistry rateLimiterRegistry() {
		RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
		registry.rateLimiter("source");
		return registry;
	}

	@Bean
	StatusContributor backfillProbe() {
		return new StatusContributor() {

			@Override
			public String name() {
				return "backfill_probe";
			}

			@Override
			public Object status() {
				return Map.of("tasks", 0);
			}

		};
	}

}
