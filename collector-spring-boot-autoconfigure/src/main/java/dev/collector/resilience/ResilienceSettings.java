package dev.collector.resilience;

import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import dev.collector.config.CircuitBreakerProperties;
import dev.collector.config.RateLimitProperties;
import dev.collector.config.RetryProperties;

/**
 * Turns the collector's properties into Resilience4j configurations.
 */
final class ResilienceSettings {

	private ResilienceSettings() {
	}

	/** One permit every minute / requests-per-minute: an even rate, no bursts. */
	static RateLimiterConfig rateLimiter(RateLimitProperties properties) {
		return RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(properties.permitPeriod())
			.timeoutDuration(properties.getMaxWait())
			.build();
	}

	/**
	 * One permit every minute / requestsPerMinute, for a share of a budget (a fraction of
	 * a request per minute is fine: 0.5 is one permit every two minutes).
	 */
	static RateLimiterConfig rateLimiter(double requestsPerMinute, Duration maxWait) {
		long period = Math.max(1, (long) (Duration.ofMinutes(1).toNanos() / requestsPerMinute));
		return RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(Duration.ofNanos(period))
			.timeoutDuration(maxWait)
			.build();
	}

	/**
	 * Opens after failure-threshold failed calls in a row: a count-based window of that
	 * size that opens at a failure rate of 100%.
	 */
	static CircuitBreakerConfig circuitBreaker(CircuitBreakerProperties properties) {
		return CircuitBreakerConfig.custom()
			.slidingWindow(properties.getFailureThreshold(), properties.getFailureThreshold(),
					SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.waitDurationInOpenState(properties.getOpenDuration())
			.permittedNumberOfCallsInHalfOpenState(properties.getHalfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

	/**
	 * Exponential backoff with jitter; a delay the failure asks for (Retry-After) wins
	 * when it is longer, up to max-delay.
	 */
	static <T> RetryConfig retry(RetryProperties properties, Predicate<Throwable> retryable) {
		IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(properties.getInitialDelay(),
				properties.getMultiplier(), properties.getJitter(), properties.getMaxDelay());
		Duration maxDelay = properties.getMaxDelay();
		IntervalBiFunction<Object> interval = (attempt, outcome) -> {
			long computed = backoff.apply(attempt);
			if (outcome.isLeft() && outcome.getLeft() instanceof RetryAfterException retryAfter
					&& retryAfter.retryAfter() != null) {
				long asked = Math.min(retryAfter.retryAfter().toMillis(), maxDelay.toMillis());
				return Math.max(computed, asked);
			}
			return computed;
		};
		return RetryConfig.custom()
			.maxAttempts(properties.getMaxAttempts())
			.intervalBiFunction(interval)
			.retryOnException(retryable)
			.failAfterMaxAttempts(false)
			.build();
	}

	static TimeLimiterConfig timeLimiter(RetryProperties properties) {
		return TimeLimiterConfig.custom()
			.timeoutDuration(properties.getAttemptTimeout())
			.cancelRunningFuture(true)
			.build();
	}

	/**
	 * Failures of one HTTP request worth another attempt: a status the source asked to
	 * retry (see RetryAfterException), a failed connection, a timeout.
	 */
	static boolean retryableHttpFailure(Throwable failure) {
		return failure instanceof RetryAfterException || failure instanceof java.io.IOException
				|| failure instanceof java.io.UncheckedIOException;
	}

	/** Failures worth another attempt at the source: anything but a closed door. */
	static boolean retryableSourceFailure(Throwable failure, Set<Integer> retryOnStatus) {
		if (failure instanceof CallNotPermittedException || failure instanceof RequestNotPermitted) {
			return false;
		}
		if (failure instanceof org.springframework.web.client.RestClientResponseException response) {
			return retryOnStatus.contains(response.getStatusCode().value());
		}
		return true;
	}

}
