package dev.collector.ops;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The circuit breakers and rate limiters of the application, as operators see them in GET
 * /status and GET /circuit-breaker-status. Kept free of Resilience4j types so the
 * endpoints work when it is not on the classpath.
 */
public interface ResilienceView {

	/**
	 * Every circuit breaker.
	 * @return the breakers, by name
	 */
	List<BreakerState> circuitBreakers();

	/**
	 * Every rate limiter.
	 * @return the limiters, by name
	 */
	List<RateLimiterState> rateLimiters();

	/**
	 * One circuit breaker.
	 *
	 * @param name its name
	 * @param state CLOSED, OPEN, HALF_OPEN, …
	 * @param failureRate failure rate in percent, -1 until enough calls were recorded
	 * @param slowCallRate slow call rate in percent, -1 until enough calls were recorded
	 * @param bufferedCalls calls in the sliding window
	 * @param failedCalls failed calls in the sliding window
	 * @param slowCalls slow calls in the sliding window
	 * @param notPermittedCalls calls refused while open
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record BreakerState(String name, String state, float failureRate, float slowCallRate, int bufferedCalls,
			int failedCalls, int slowCalls, long notPermittedCalls) {
	}

	/**
	 * One rate limiter.
	 *
	 * @param name its name
	 * @param availablePermissions permissions left in this period
	 * @param waitingThreads threads waiting for a permission
	 * @param limitForPeriod permissions per period
	 * @param refreshPeriodMillis length of a period
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record RateLimiterState(String name, int availablePermissions, int waitingThreads, int limitForPeriod,
			long refreshPeriodMillis) {
	}

}
