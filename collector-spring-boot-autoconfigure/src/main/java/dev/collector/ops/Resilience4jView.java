package dev.collector.ops;

import java.util.Comparator;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@link ResilienceView} over the Resilience4j registries, when the application has them.
 */
public class Resilience4jView implements ResilienceView {

	private final ObjectProvider<CircuitBreakerRegistry> breakers;

	private final ObjectProvider<RateLimiterRegistry> limiters;

	public Resilience4jView(ObjectProvider<CircuitBreakerRegistry> breakers,
			ObjectProvider<RateLimiterRegistry> limiters) {
		this.breakers = breakers;
		this.limiters = limiters;
	}

	@Override
	public List<BreakerState> circuitBreakers() {
		CircuitBreakerRegistry registry = this.breakers.getIfAvailable();
		if (registry == null) {
			return List.of();
		}
		return registry.getAllCircuitBreakers()
			.stream()
			.sorted(Comparator.comparing(CircuitBreaker::getName))
			.map(Resilience4jView::state)
			.toList();
	}

	@Override
	public List<RateLimiterState> rateLimiters() {
		RateLimiterRegistry registry = this.limiters.getIfAvailable();
		if (registry == null) {
			return List.of();
		}
		return registry.getAllRateLimiters()
			.stream()
			.sorted(Comparator.comparing(RateLimiter::getName))
			.map(Resilience4jView::state)
			.toList();
	}

	private static BreakerState state(CircuitBreaker breaker) {
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		return new BreakerState(breaker.getName(), breaker.getState().name(), metrics.getFailureRate(),
				metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
				metrics.getNumberOfSlowCalls(), metrics.getNumberOfNotPermittedCalls());
	}

	private static RateLimiterState state(RateLimiter limiter) {
		return new RateLimiterState(limiter.getName(), limiter.getMetrics().getAvailablePermissions(),
				limiter.getMetrics().getNumberOfWaitingThreads(), limiter.getRateLimiterConfig().getLimitForPeriod(),
				limiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis());
	}

}
