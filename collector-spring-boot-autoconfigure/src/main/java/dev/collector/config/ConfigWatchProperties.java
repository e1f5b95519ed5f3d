package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Watching of the configuration files, under {@code collector.config.*}.
 */
public class ConfigWatchProperties {

	/**
	 * Whether to refresh the configuration by itself when a watched file changes (a
	 * Kubernetes ConfigMap or Secret update): the files given by spring.config.location
	 * and spring.config.additional-location, the .env file and the config tree
	 * /etc/collector/secrets/.
	 */
	private boolean watch = false;

	/**
	 * Time between two checks of the watched files.
	 */
	private Duration watchInterval = Duration.ofSeconds(5);

	/**
	 * Properties file imported at start-up when it exists (KEY=value lines as environment
	 * variables, e.g. COLLECTOR_RATE_LIMIT_REQUESTS_PER_MINUTE=120 or
	 * collector.rate-limit.requests-per-minute=120). Read from the environment or the
	 * command line, before any config file.
	 */
	private String envFile = ".env";

	/**
	 * Config tree imported at start-up when it exists: one file per property, named after
	 * it, e.g. a mounted Kubernetes Secret with a file collector.security.api-token. Read
	 * from the environment or the command line, before any config file.
	 */
	private String secretsDir = "/etc/collector/secrets/";

	public boolean isWatch() {
		return this.watch;
	}

	public void setWatch(boolean watch) {
		this.watch = watch;
	}

	public Duration getWatchInterval() {
		return this.watchInterval;
	}

	public void setWatchInterval(Duration watchInterval) {
		this.watchInterval = watchInterval;
	}

	public String getEnvFile() {
		return this.envFile;
	}

	public void setEnvFile(String envFile) {
		this.envFile = envFile;
	}

	public String getSecretsDir() {
		return this.secretsDir;
	}

	public void setSecretsDir(String secretsDir) {
		this.secretsDir = secretsDir;
	}

	void validate(Errors errors) {
		if (this.watchInterval == null || this.watchInterval.isZero() || this.watchInterval.isNegative()) {
			errors.rejectValue("watchInterval", "range", "must be a positive duration such as 5s");
		}
	}

}
