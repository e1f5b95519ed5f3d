package dev.collector.ops;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionSchedule;
import dev.collector.collect.CollectorStatus;
import dev.collector.collect.RunHistory;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.security.SecretMasker;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code GET /status}: everything an operator asks first. Who (service, version,
 * instance, uptime), when (schedule and next run), what happened (last runs, checkpoint),
 * what protects the source (circuit breakers, rate limiters), sections of
 * {@link StatusContributor} beans (backfill tasks, …) and the effective
 * {@code collector.*} configuration with secrets masked.
 */
@RestController
@CollectorEndpoint
public class StatusController {

	static final int LAST_RUNS = 10;

	private final CollectorIdentity identity;

	private final CollectorProperties properties;

	private final CollectorStatus status;

	private final RunHistory history;

	private final CheckpointStore checkpoints;

	private final ObjectProvider<CollectionSchedule> scheduler;

	private final ObjectProvider<ResilienceView> resilience;

	private final ObjectProvider<StatusContributor> contributors;

	private final EffectiveConfiguration configuration;

	private final String version;

	private final Clock clock;

	public StatusController(CollectorIdentity identity, CollectorProperties properties, CollectorStatus status,
			RunHistory history, CheckpointStore checkpoints, ObjectProvider<CollectionSchedule> scheduler,
			ObjectProvider<ResilienceView> resilience, ObjectProvider<StatusContributor> contributors,
			SecretMasker masker, ObjectProvider<BuildProperties> buildProperties, Clock clock) {
		this.identity = identity;
		this.properties = properties;
		this.status = status;
		this.history = history;
		this.checkpoints = checkpoints;
		this.scheduler = scheduler;
		this.resilience = resilience;
		this.contributors = contributors;
		this.configuration = new EffectiveConfiguration(properties, masker);
		BuildProperties build = buildProperties.getIfAvailable();
		this.version = (build != null && build.getVersion() != null) ? build.getVersion() : "unknown";
		this.clock = clock;
	}

	@GetMapping("/status")
	public Map<String, Object> status() {
		Map<String, Object> body = new LinkedHashMap<>();
		long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		Instant now = this.clock.instant();
		body.put("service", this.identity.name());
		body.put("version", this.version);
		body.put("instance_id", this.identity.instanceId());
		body.put("timestamp", now.toString());
		body.put("started_at", Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
		body.put("uptime_seconds", uptimeMillis / 1000.0);
		CollectorStatus.Snapshot snapshot = this.status.snapshot();
		body.put("running", this.status.running().isPresent());
		body.put("running_run_id", this.status.running().map(CollectionRequest::runId).orElse(null));
		body.put("consecutive_failures", snapshot.consecutiveFailures());
		body.put("last_successful_collection",
				(snapshot.lastSuccess() != null) ? snapshot.lastSuccess().finishedAt().toString() : null);
		body.put("failing_parts", failingParts(snapshot.failingParts()));
		body.put("schedule", schedule());
		body.put("last_runs", lastRuns());
		body.put("checkpoints", checkpoints());
		ResilienceView view = this.resilience.getIfAvailable();
		body.put("circuit_breakers", (view != null) ? view.circuitBreakers() : List.of());
		body.put("rate_limiters", (view != null) ? view.rateLimiters() : List.of());
		this.contributors.orderedStream().forEach((contributor) -> body.put(contributor.name(), section(contributor)));
		body.put("configuration", this.configuration.masked());
		return body;
	}

	private static Map<String, Object> failingParts(CollectorStatus.FailingParts failing) {
		Map<String, Object> parts = new LinkedHashMap<>();
		parts.put("count", failing.count());
		parts.put("parts",
				failing.shown().stream().map((part) -> Map.of("part", part.part(), "error", part.error())).toList());
		return parts;
	}

	private Map<String, Object> schedule() {
		Map<String, Object> schedule = new LinkedHashMap<>();
		CollectionSchedule current = this.properties.getSchedule().isEnabled() ? this.scheduler.getIfAvailable() : null;
		schedule.put("enabled", current != null);
		schedule.put("interval", this.properties.getSchedule().getInterval().toString());
		schedule.put("interval_seconds", this.properties.getSchedule().getInterval().toSeconds());
		schedule.put("next_run", (current != null) ? current.nextRun().map(Instant::toString).orElse(null) : null);
		return schedule;
	}

	private List<RunView> lastRuns() {
		try {
			return this.history.recent(this.identity.name(), LAST_RUNS).stream().map(RunView::of).toList();
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private Map<String, Object> checkpoints() {
		Map<String, Object> checkpoints = new LinkedHashMap<>();
		try {
			checkpoints.put(this.identity.name(),
					this.checkpoints.get(this.identity.name()).map(Instant::toString).orElse(null));
		}
		catch (RuntimeException ex) {
			checkpoints.put(this.identity.name(), "unavailable: " + ex.getClass().getSimpleName());
		}
		return checkpoints;
	}

	private static Object section(StatusContributor contributor) {
		try {
			return contributor.status();
		}
		catch (RuntimeException ex) {
			return Map.of("error", ex.getClass().getSimpleName());
		}
	}

	/**
	 * One past run as shown in /status and on the status page.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record RunView(String runId, String trigger, String status, String startedAt, String finishedAt,
			double durationSeconds, long recordsCollected, long recordsInserted, long recordsDuplicate,
			long recordsInvalid, int partsFailed, String error) {

		static RunView of(CollectionResult result) {
			return new RunView(result.runId(), result.request().trigger().label(), result.statusLabel(),
					result.startedAt().toString(), result.finishedAt().toString(), result.duration().toNanos() / 1e9,
					result.counts().collected(), result.counts().inserted(), result.counts().duplicates(),
					result.counts().invalid(), result.partFailureCount(), result.error());
		}

	}

}
