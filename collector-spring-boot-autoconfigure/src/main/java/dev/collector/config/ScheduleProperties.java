package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Scheduled collection.
 */
public class ScheduleProperties {

	/**
	 * Whether to collect on a schedule. On-demand collection (POST /collect) works either
	 * way.
	 */
	private boolean enabled = true;

	/**
	 * Time between the end of one scheduled collection and the start of the next.
	 */
	private Duration interval = Duration.ofMinutes(15);

	/**
	 * Time after start-up before the first scheduled collection.
	 */
	private Duration initialDelay = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		this.initialDelay = initialDelay;
	}

	void validate(Errors errors) {
		DurationChecks.requirePositive(errors, "interval", this.interval);
		DurationChecks.requireNotNegative(errors, "initialDelay", this.initialDelay);
	}

}
