package dev.collector.config;

import org.springframework.validation.Errors;

/**
 * The in-memory log buffer behind GET /logs, under {@code collector.logs.*}.
 */
public class LogsProperties {

	/**
	 * Whether to keep the newest log entries in memory for GET /logs.
	 */
	private boolean enabled = true;

	/**
	 * Number of log entries kept in memory; older entries are dropped.
	 */
	private int bufferSize = 1000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	void validate(Errors errors) {
		if (this.bufferSize < 1 || this.bufferSize > 100_000) {
			errors.rejectValue("bufferSize", "range", "must be between 1 and 100000");
		}
	}

}
