package dev.collector.resilience;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientResponseException;

/**
 * Recognises a source's "too many requests" (HTTP 429) in a failure and the wait it asked
 * for.
 */
final class Throttling {

	private Throttling() {
	}

	/**
	 * The Retry-After of a 429 anywhere in a failure's causes.
	 * @param failure the failure
	 * @return the wait it asked for (zero when it named none), or empty when the failure
	 * is no 429
	 */
	static Optional<Duration> of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException response
					&& response.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				return Optional.of(retryAfter(response));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	private static Duration retryAfter(RestClientResponseException response) {
		String value = (response.getResponseHeaders() != null) ? response.getResponseHeaders().getFirst("Retry-After")
				: null;
		if (value != null) {
			try {
				return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
			}
			catch (NumberFormatException ex) {
				// an HTTP date: the collector HTTP client reports those itself
			}
		}
		return Duration.ZERO;
	}

}
