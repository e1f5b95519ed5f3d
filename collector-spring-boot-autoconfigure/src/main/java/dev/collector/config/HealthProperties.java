package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Health of the collector (the "collector" health component and GET /health).
 */
public class HealthProperties {

	/**
	 * Number of consecutive failed collections after which the collector is reported
	 * DOWN.
	 */
	private int failureThreshold = 3;

	/**
	 * Age of the last successful collection after which the collector is reported DOWN.
	 * Defaults to three schedule intervals while the schedule is enabled; with the
	 * schedule disabled and no value, staleness is not checked.
	 */
	private Duration staleAfter;

	/**
	 * Background check of the database that GET /health, GET /ready, the "db" health
	 * component and the collector's endpoints read instead of waiting on the connection
	 * pool.
	 */
	private final Database database = new Database();

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public Duration getStaleAfter() {
		return this.staleAfter;
	}

	public void setStaleAfter(Duration staleAfter) {
		this.staleAfter = staleAfter;
	}

	public Database getDatabase() {
		return this.database;
	}

	/**
	 * The background database check.
	 */
	public static class Database {

		/**
		 * Time between two checks of the database.
		 */
		private Duration interval = Duration.ofSeconds(2);

		/**
		 * Time a check may take, waiting for a pooled connection included, before the
		 * database counts as unavailable.
		 */
		private Duration timeout = Duration.ofSeconds(1);

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

	}

	void validate(Errors errors) {
		if (this.failureThreshold < 1) {
			errors.rejectValue("failureThreshold", "range", "must be at least 1");
		}
		if (this.staleAfter != null) {
			DurationChecks.requirePositive(errors, "staleAfter", this.staleAfter);
		}
		DurationChecks.requirePositive(errors, "database.interval", this.database.getInterval());
		DurationChecks.requirePositive(errors, "database.timeout", this.database.getTimeout());
	}

}
