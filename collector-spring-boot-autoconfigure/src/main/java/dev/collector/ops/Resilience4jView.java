package dev.collector.ops;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

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

	private final Predicate<String> shown;

	public Resilience4jView(ObjectProvider<CircuitBreakerRegistry> breakers,
			ObjectProvider<RateLimiterRegistry> limiters) {
		this(breakers, limiters, (name) -> true);
	}

	/**
	 * A view of some instances only: with several collectors the registries are shared,
	 * and a collector shows its own instances, named after it.
	 * @param breakers the circuit breakers
	 * @param limiters the rate limiters
	 * @param shown the names of the instances to show
	 */
	public Resilience4jView(ObjectProvider<CircuitBreakerRegistry> breakers,
			ObjectProvider<RateLimiterRegistry> limiters, Predicate<String> shown) {
		this.breakers = breakers;
		this.limiters = limiters;
		this.shown = shown;
	}

	@Override
	public List<BreakerState> circuitBreakers() {
		CircuitBreakerRegistry registry = this.breakers.getIfAvailable();
		if (registry == null) {
			return List.of();
		}
		return registry.getAllCircuitBreakers()
			.stream()
			.filter((breaker) -> this.shown.test(breaker.getName()))
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
			.filter((limiter) -> this.shown.test(limiter.getName()))
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
