package dev.collector.alerting;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import dev.collector.config.CollectorIdentity;

/**
 * Delivers alerts to {@code collector.alerting.webhook-url} as JSON: severity, message,
 * details, service, instance id, timestamp, and a Slack-compatible {@code text}. Each
 * delivery is retried with exponential backoff; a delivery that still fails is logged and
 * counted, never thrown at the collection that caused it.
 * <p>
 * Meter (prefix {@code collector}): {@code collector_alerts_total{status="sent|failed"}}.
 */
public class WebhookAlertSender {

	private static final Log logger = LogFactory.getLog(WebhookAlertSender.class);

	private final RestClient client;

	private final String webhookUrl;

	private final RetryTemplate retry;

	private final CollectorIdentity identity;

	private final Clock clock;

	private final Counter sent;

	private final Counter failed;

	public WebhookAlertSender(RestClient client, String webhookUrl, RetryTemplate retry, CollectorIdentity identity,
			Clock clock, MeterRegistry registry, String meterPrefix) {
		this.client = client;
		this.webhookUrl = webhookUrl;
		this.retry = retry;
		this.identity = identity;
		this.clock = clock;
		this.sent = counter(registry, meterPrefix, "sent");
		this.failed = counter(registry, meterPrefix, "failed");
	}

	private Counter counter(MeterRegistry registry, String prefix, String status) {
		return Counter.builder(prefix + ".alerts")
			.description("Alerts delivered to the webhook, by outcome")
			.tag("collector", this.identity.name())
			.tag("status", status)
			.register(registry);
	}

	/**
	 * Deliver an alert, retrying failures.
	 * @param alert the alert
	 * @return {@code true} when the webhook accepted it
	 */
	public boolean send(Alert alert) {
		Map<String, Object> body = body(alert);
		try {
			this.retry.execute((context) -> this.client.post()
				.uri(this.webhookUrl)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.toBodilessEntity());
			this.sent.increment();
			return true;
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			// the URL may hold a secret (Slack hooks do): never log it
			logger.error("Alert '" + alert.severity() + "' could not be delivered to the webhook: "
					+ ex.getClass().getSimpleName());
			return false;
		}
	}

	private Map<String, Object> body(Alert alert) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("severity", alert.severity());
		body.put("message", alert.message());
		body.put("details", alert.details());
		body.put("service", this.identity.name());
		body.put("instance_id", this.identity.instanceId());
		body.put("timestamp", this.clock.instant().toString());
		body.put("text",
				"[" + alert.severity().toUpperCase(Locale.ROOT) + "] " + this.identity.name() + ": " + alert.message());
		return body;
	}

}
