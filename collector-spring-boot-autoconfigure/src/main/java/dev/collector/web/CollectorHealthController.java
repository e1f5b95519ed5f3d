package dev.collector.web;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.springframework.beans.factory.ObjectProvider;
import dev.collector.actuate.CollectorHealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorStatus;
import dev.collector.config.CollectorIdentity;
import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseState;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code GET /health} in the format collectors have always answered (200 healthy, 503
 * unhealthy, with the reason) and {@code GET /ready} (200 while the application accepts
 * traffic and the database answers). Both read the {@link DatabaseAvailability background
 * database check} and never wait on the connection pool. The Actuator endpoints
 * {@code /actuator/health/*} stay the Kubernetes probes.
 */
@RestController
@CollectorEndpoint
public class CollectorHealthController {

	private final CollectorIdentity identity;

	private final CollectorStatus status;

	private final ObjectProvider<CollectorHealthIndicator> collectorHealth;

	private final ObjectProvider<DatabaseAvailability> database;

	private final ApplicationAvailability availability;

	private final String version;

	private final Clock clock;

	public CollectorHealthController(CollectorIdentity identity, CollectorStatus status,
			ObjectProvider<CollectorHealthIndicator> collectorHealth, ObjectProvider<DatabaseAvailability> database,
			ApplicationAvailability availability, ObjectProvider<BuildProperties> buildProperties, Clock clock) {
		this.identity = identity;
		this.status = status;
		this.collectorHealth = collectorHealth;
		this.database = database;
		this.availability = availability;
		this.version = version(buildProperties.getIfAvailable());
		this.clock = clock;
	}

	@GetMapping("/health")
	public ResponseEntity<HealthResponse> health() {
		String databaseProblem = databaseProblem();
		boolean databaseConnected = databaseProblem == null;
		CollectorHealthIndicator indicator = this.collectorHealth.getIfAvailable();
		Object collectorProblem = null;
		if (indicator != null) {
			var collectorHealth = indicator.getHealth(true);
			if (!Status.UP.equals(collectorHealth.getStatus())) {
				collectorProblem = collectorHealth.getDetails().getOrDefault("reason", collectorHealth.getStatus());
			}
		}
		boolean healthy = databaseConnected && collectorProblem == null;
		String reason = (databaseProblem != null) ? "database unavailable: " + databaseProblem
				: (collectorProblem != null) ? "collector: " + collectorProblem : null;
		CollectorStatus.Snapshot snapshot = this.status.snapshot();
		HealthResponse body = new HealthResponse(healthy ? "healthy" : "unhealthy", this.clock.instant().toString(),
				this.identity.name(), this.version, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0,
				databaseConnected, finishedAt(snapshot.lastRun()), finishedAt(snapshot.lastSuccess()),
				snapshot.consecutiveFailures(), reason);
		return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	@GetMapping("/ready")
	public ResponseEntity<ReadyResponse> ready() {
		ReadinessState state = this.availability.getReadinessState();
		// without a DataSource the collector does not need a database to serve
		String databaseProblem = (this.database.getIfAvailable() != null) ? databaseProblem() : null;
		boolean accepting = state == ReadinessState.ACCEPTING_TRAFFIC;
		boolean ready = accepting && databaseProblem == null;
		String reason = !accepting ? "readiness state " + state.name()
				: (databaseProblem != null) ? "database unavailable: " + databaseProblem : null;
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new ReadyResponse(ready ? "ready" : "not_ready", state.name(), databaseProblem == null, reason));
	}

	/**
	 * Why the database counts as unavailable, from the background check (no waiting).
	 * @return the reason, or {@code null} when it is available
	 */
	private String databaseProblem() {
		DatabaseAvailability availability = this.database.getIfAvailable();
		if (availability == null) {
			return "no DataSource";
		}
		DatabaseState state = availability.state();
		return state.available() ? null : state.reason();
	}

	private static String finishedAt(CollectionResult result) {
		return (result != null) ? result.finishedAt().toString() : null;
	}

	private static String version(BuildProperties buildProperties) {
		if (buildProperties != null && buildProperties.getVersion() != null) {
			return buildProperties.getVersion();
		}
		return "unknown";
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record HealthResponse(String status, String timestamp, String service, String version, double uptimeSeconds,
			boolean databaseConnected, String lastCollection, String lastSuccessfulCollection, int collectionErrors,
			String reason) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ReadyResponse(String status, String readinessState, boolean databaseConnected, String reason) {
	}

}
