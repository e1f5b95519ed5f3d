package dev.collector.alerting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;

import dev.collector.collect.CollectionCompletedEvent;
import dev.collector.collect.CollectionFailedEvent;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.Trigger;

/**
 * Alerts without anyone asking: one critical alert when {@code error-threshold}
 * collections in a row failed (an incident opens), one info alert when a collection
 * succeeds again (it closes). At most one alert per incident, however long it lasts. The
 * same for the parts of live runs (a symbol, a feed): a part that failed
 * {@code error-threshold} live runs in a row is named in one critical alert, and in one
 * info alert when it is collected again; a partial run is not a failed one. Alerts are
 * delivered on their own executor: a slow or broken webhook never delays or breaks a
 * collection.
 */
public class AutomaticAlerts {

	private static final Log logger = LogFactory.getLog(AutomaticAlerts.class);

	/** Parts named in one alert; the rest are counted. */
	private static final int PARTS_NAMED = 20;

	private final WebhookAlertSender sender;

	private final Executor executor;

	private final int threshold;

	private int consecutiveFailures;

	private boolean incidentOpen;

	/**
	 * Live runs in a row each part failed in, for the parts that failed in the latest.
	 */
	private final Map<String, Integer> failingParts = new HashMap<>();

	/** The parts an alert went out for, until they succeed again. */
	private final Set<String> partIncidents = new HashSet<>();

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
		Alert parts = (result.request().trigger() != Trigger.BACKFILL) ? parts(result) : null;
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
		deliver(parts);
	}

	/**
	 * One alert for the parts that failed {@code error-threshold} live runs in a row
	 * (once per part until it succeeds again), or one when such parts succeed again.
	 */
	private synchronized Alert parts(CollectionResult result) {
		Map<String, String> failed = new LinkedHashMap<>();
		result.partFailures().forEach((failure) -> failed.putIfAbsent(failure.part(), failure.error()));
		List<String> recovered = new ArrayList<>();
		this.failingParts.keySet().removeIf((part) -> !failed.containsKey(part));
		this.partIncidents.removeIf((part) -> !failed.containsKey(part) && recovered.add(part));
		Map<String, String> alerting = new LinkedHashMap<>();
		failed.forEach((part, error) -> {
			int runs = this.failingParts.merge(part, 1, Integer::sum);
			if (runs >= this.threshold && this.partIncidents.add(part)) {
				alerting.put(part, error);
			}
		});
		if (!alerting.isEmpty()) {
			Map<String, Object> details = details(result);
			details.put("parts", limited(alerting));
			details.put("parts_total", alerting.size());
			return new Alert("critical",
					"Part(s) failed in " + this.threshold + " collections in a row: " + names(alerting.keySet()),
					details);
		}
		if (!recovered.isEmpty()) {
			Map<String, Object> details = details(result);
			details.put("parts", recovered.stream().limit(PARTS_NAMED).toList());
			details.put("parts_total", recovered.size());
			return new Alert("info", "Part(s) collected again: " + names(recovered), details);
		}
		return null;
	}

	private static Map<String, String> limited(Map<String, String> parts) {
		Map<String, String> first = new LinkedHashMap<>();
		parts.entrySet().stream().limit(PARTS_NAMED).forEach((entry) -> first.put(entry.getKey(), entry.getValue()));
		return first;
	}

	private static String names(java.util.Collection<String> parts) {
		String named = String.join(", ", parts.stream().limit(PARTS_NAMED).toList());
		return (parts.size() > PARTS_NAMED) ? named + " and " + (parts.size() - PARTS_NAMED) + " more" : named;
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
