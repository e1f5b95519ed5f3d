package dev.collector.resilience;

import java.time.Duration;

/**
 * A failure that tells how long to wait before the next attempt (an HTTP Retry-After).
 */
public interface RetryAfterException {

	/**
	 * Delay the source asked for.
	 * @return the delay, or {@code null} when it named none
	 */
	Duration retryAfter();

}
