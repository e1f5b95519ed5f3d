package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * The data-quality report of GET /data-quality, under {@code collector.data-quality.*}.
 */
public class DataQualityProperties {

	/**
	 * Period of the recent figures reported next to the totals, counted back from now.
	 */
	private Duration window = Duration.ofHours(24);

	/**
	 * Number of most frequent validation errors listed.
	 */
	private int topErrors = 10;

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

	public int getTopErrors() {
		return this.topErrors;
	}

	public void setTopErrors(int topErrors) {
		this.topErrors = topErrors;
	}

	void validate(Errors errors) {
		if (this.window == null || this.window.isZero() || this.window.isNegative()) {
			errors.rejectValue("window", "range", "must be a positive duration such as 24h");
		}
		if (this.topErrors < 0 || this.topErrors > 100) {
			errors.rejectValue("topErrors", "range", "must be between 0 and 100");
		}
	}

}
