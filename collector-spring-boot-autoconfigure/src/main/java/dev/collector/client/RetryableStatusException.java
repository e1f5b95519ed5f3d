package dev.collector.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClientResponseException;

import dev.collector.resilience.RetryAfterException;

/**
 * An answer with a status worth another attempt (429, 502, 503, 504 by default), with the
 * delay the source asked for in Retry-After. When the attempts run out it becomes the
 * usual {@link RestClientResponseException} of Spring's clients.
 */
class RetryableStatusException extends RuntimeException implements RetryAfterException {

	private final HttpStatusCode status;

	private final String statusText;

	private final transient HttpHeaders headers;

	private final byte[] body;

	private final transient Duration retryAfter;

	RetryableStatusException(HttpStatusCode status, String statusText, HttpHeaders headers, byte[] body,
			Duration retryAfter) {
		super("HTTP " + status.value() + " " + statusText, null, false, false);
		this.status = status;
		this.statusText = statusText;
		this.headers = headers;
		this.body = body;
		this.retryAfter = retryAfter;
	}

	@Override
	public Duration retryAfter() {
		return this.retryAfter;
	}

	int status() {
		return this.status.value();
	}

	RestClientResponseException toResponseException() {
		if (this.status.is4xxClientError()) {
			return HttpClientErrorException.create(this.status, this.statusText, this.headers, this.body,
					StandardCharsets.UTF_8);
		}
		return HttpServerErrorException.create(this.status, this.statusText, this.headers, this.body,
				StandardCharsets.UTF_8);
	}

}
