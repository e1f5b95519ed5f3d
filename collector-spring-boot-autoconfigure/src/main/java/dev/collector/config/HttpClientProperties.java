package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * The collector HTTP client, under {@code collector.http.*}.
 */
public class HttpClientProperties {

	/**
	 * Longest time to open a connection to the source.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	void validate(Errors errors) {
		if (this.connectTimeout == null || this.connectTimeout.isZero() || this.connectTimeout.isNegative()) {
			errors.rejectValue("connectTimeout", "range", "must be a positive duration such as 10s");
		}
	}

}
