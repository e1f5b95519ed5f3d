package dev.collector.ops;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.alerting.Alert;
import dev.collector.alerting.WebhookAlertSender;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code POST /alert}: send {@code {severity, message, details?}} to the configured
 * webhook now. 200 when delivered, 502 problem when the webhook kept failing, 503 problem
 * when no webhook is configured, 400 problem for a bad alert.
 */
@RestController
@CollectorEndpoint
public class AlertController {

	static final int MAX_MESSAGE_LENGTH = 2000;

	private final ObjectProvider<WebhookAlertSender> sender;

	public AlertController(ObjectProvider<WebhookAlertSender> sender) {
		this.sender = sender;
	}

	@PostMapping("/alert")
	public AlertResponse alert(@RequestBody AlertRequest request) {
		if (request.severity() == null || !Alert.SEVERITIES.contains(request.severity().strip().toLowerCase())) {
			throw Problems.badRequest("Invalid severity", "severity must be one of info, warning, error, critical");
		}
		if (request.message() == null || request.message().isBlank()) {
			throw Problems.badRequest("Missing message", "message must not be blank");
		}
		if (request.message().length() > MAX_MESSAGE_LENGTH) {
			throw Problems.badRequest("Message too long",
					"message must be at most " + MAX_MESSAGE_LENGTH + " characters");
		}
		WebhookAlertSender webhook = this.sender.getIfAvailable();
		if (webhook == null) {
			throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Alerting not configured",
					"Set collector.alerting.webhook-url to send alerts");
		}
		Alert alert = new Alert(request.severity().strip(), request.message().strip(), request.details());
		if (!webhook.send(alert)) {
			throw Problems.of(HttpStatus.BAD_GATEWAY, "Alert not delivered",
					"The webhook did not accept the alert after retries; see the collector_alerts_total metric");
		}
		return new AlertResponse("sent", alert.severity());
	}

	/**
	 * The body of POST /alert.
	 *
	 * @param severity info, warning, error or critical
	 * @param message what happened
	 * @param details optional structured details
	 */
	public record AlertRequest(String severity, String message, Map<String, Object> details) {
	}

	/**
	 * The answer of POST /alert.
	 *
	 * @param status {@code sent}
	 * @param severity the alert's severity
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record AlertResponse(String status, String severity) {
	}

}
