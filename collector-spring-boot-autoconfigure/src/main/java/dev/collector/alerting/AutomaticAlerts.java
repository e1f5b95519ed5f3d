package dev.collector.alerting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;

import dev.collector.collect.CollectionCompletedEvent;
import dev.collector.collect.CollectionFailedEvent;
import dev.collector.collect.CollectionResult;

/**
 * Alerts without anyone asking: one critical alert when {@code error-threshold}
 * collections in a row failed (an incident opens), one info alert when a collection
 * succeeds again (it closes). At most one alert per incident, however long it lasts.
 * Alerts are delivered on their own executor: a slow or broken webhook never delays or
 * breaks a collection.
 */
public class AutomaticAlerts {

	private static final Log logger = LogFactory.getLog(AutomaticAlerts.class);

	private final WebhookAlertSender sender;

	private final Executor executor;

	private final int threshold;

	private int consecutiveFailures;

	private boolean incidentOpen;

	public AutomaticAlerts(WebhookAlertSender sender, Executor executor, int threshold) {
		this.sender = sender;
		this.executor = executor;
		this.threshold = threshold;
	}

	@EventListener
	public void collectionFailed(CollectionFailedEvent event) {
		CollectionResult result = event.getResult();
		if (result.request().dryRun()) {
			return;
		}
		Alert alert = null;
		synchronized (this) {
			this.consecutiveFailures++;
			if (!this.incidentOpen && this.consecutiveFailures >= this.threshold) {
				this.incidentOpen = true;
				Map<String, Object> details = details(result);
				details.put("consecutive_failures", this.consecutiveFailures);
				alert = new Alert("critical", this.consecutiveFailures + " collections in a row failed", details);
			}
		}
		deliver(alert);
	}

	@EventListener
	public void collectionCompleted(CollectionCompletedEvent event) {
		CollectionResult result = event.getResult();
		if (result.request().dryRun()) {
			return;
		}
		Alert alert = null;
		synchronized (this) {
			if (this.incidentOpen) {
				Map<String, Object> details = details(result);
				details.put("failures_before_recovery", this.consecutiveFailures);
				alert = new Alert("info", "Collections recovered after " + this.consecutiveFailures + " failures",
						details);
			}
			this.incidentOpen = false;
			this.consecutiveFailures = 0;
		}
		deliver(alert);
	}

	/**
	 * Whether an incident is open (an alert went out and no collection succeeded since).
	 * @return the state
	 */
	public synchronized boolean isIncidentOpen() {
		return this.incidentOpen;
	}

	private void deliver(Alert alert) {
		if (alert == null) {
			return;
		}
		try {
			this.executor.execute(() -> this.sender.send(alert));
		}
		catch (RejectedExecutionException ex) {
			logger.error("Alert '" + alert.severity() + "' dropped: the alert queue is full or shutting down");
		}
	}

	private static Map<String, Object> details(CollectionResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("run_id", result.runId());
		details.put("trigger", result.request().trigger().label());
		details.put("finished_at", result.finishedAt().toString());
		if (result.error() != null) {
			details.put("error", result.error());
		}
		return details;
	}

}
