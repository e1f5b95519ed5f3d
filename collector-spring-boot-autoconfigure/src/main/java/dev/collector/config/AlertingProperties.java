package dev.collector.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Alerts to a webhook, under {@code collector.alerting.*}.
 */
public class AlertingProperties {

	/**
	 * Whether to send alerts automatically: after error-threshold consecutive failed
	 * collections and again when collections recover. POST /alert works whenever a
	 * webhook URL is set.
	 */
	private boolean enabled = false;

	/**
	 * URL of the webhook (http or https) that receives alerts as JSON: severity, message,
	 * details, and a Slack-compatible "text" field. Shown masked in /status.
	 */
	private String webhookUrl;

	/**
	 * Number of consecutive failed collections that opens an incident and sends one
	 * alert.
	 */
	private int errorThreshold = 10;

	/**
	 * Attempts to deliver one alert before it is logged and counted as failed.
	 */
	private int maxAttempts = 3;

	/**
	 * Wait before the first retry of a failed delivery; it doubles with every retry.
	 */
	private Duration retryDelay = Duration.ofMillis(500);

	/**
	 * Connect and read timeout of one delivery attempt.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getWebhookUrl() {
		return this.webhookUrl;
	}

	public void setWebhookUrl(String webhookUrl) {
		this.webhookUrl = webhookUrl;
	}

	public int getErrorThreshold() {
		return this.errorThreshold;
	}

	public void setErrorThreshold(int errorThreshold) {
		this.errorThreshold = errorThreshold;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	public void setRetryDelay(Duration retryDelay) {
		this.retryDelay = retryDelay;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Whether a webhook URL is configured.
	 * @return {@code true} when alerts can be delivered
	 */
	public boolean hasWebhook() {
		return this.webhookUrl != null && !this.webhookUrl.isBlank();
	}

	void validate(Errors errors) {
		if (hasWebhook() && !isHttpUrl(this.webhookUrl.strip())) {
			// the URL may carry a secret (Slack hooks do): say what is wrong, not what it
			// is
			errors.rejectValue("webhookUrl", "url", "must be an absolute http or https URL with a host");
		}
		if (this.enabled && !hasWebhook()) {
			errors.rejectValue("webhookUrl", "required", "must be set when collector.alerting.enabled is true");
		}
		if (this.errorThreshold < 1) {
			errors.rejectValue("errorThreshold", "range", "must be at least 1");
		}
		if (this.maxAttempts < 1 || this.maxAttempts > 10) {
			errors.rejectValue("maxAttempts", "range", "must be between 1 and 10");
		}
		if (this.retryDelay == null || this.retryDelay.isNegative()) {
			errors.rejectValue("retryDelay", "range", "must not be negative");
		}
		if (this.timeout == null || this.timeout.isZero() || this.timeout.isNegative()) {
			errors.rejectValue("timeout", "range", "must be a positive duration such as 5s");
		}
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null && !uri.getHost().isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

}
