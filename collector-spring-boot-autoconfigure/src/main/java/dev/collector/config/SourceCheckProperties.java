package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * The connectivity check of the collector's source ({@code collector.source-check.*}).
 */
public class SourceCheckProperties {

	/**
	 * Shortest time between two checks made for the collectorSource health component; in
	 * between, health reports the latest result.
	 */
	private Duration interval = Duration.ofMinutes(5);

	/**
	 * Time after which a check that has not answered counts as failed.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Length of the window the default check fetches, ending now.
	 */
	private Duration window = Duration.ofMinutes(1);

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

	void validate(Errors errors) {
		requirePositive(errors, "interval", this.interval);
		requirePositive(errors, "timeout", this.timeout);
		requirePositive(errors, "window", this.window);
	}

	private static void requirePositive(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "range", "must be a positive duration such as 30s or 5m");
		}
	}

}
