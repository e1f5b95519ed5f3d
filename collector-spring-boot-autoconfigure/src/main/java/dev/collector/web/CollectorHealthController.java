package dev.collector.web;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Clock;

import javax.sql.DataSource;

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

/**
 * {@code GET /health} in the format collectors have always answered (200 healthy, 503
 * unhealthy) and {@code GET /ready} (200 while the application accepts traffic). The
 * Actuator endpoints {@code /actuator/health/*} stay the Kubernetes probes.
 */
@RestController
public class CollectorHealthController {

	private static final int DATABASE_TIMEOUT_SECONDS = 2;

	private final CollectorIdentity identity;

	private final CollectorStatus status;

	private final ObjectProvider<CollectorHealthIndicator> collectorHealth;

	private final ObjectProvider<DataSource> dataSource;

	private final ApplicationAvailability availability;

	private final String version;

	private final Clock clock;

	public CollectorHealthController(CollectorIdentity identity, CollectorStatus status,
			ObjectProvider<CollectorHealthIndicator> collectorHealth, ObjectProvider<DataSource> dataSource,
			ApplicationAvailability availability, ObjectProvider<BuildProperties> buildProperties, Clock clock) {
		this.identity = identity;
		this.status = status;
		this.collectorHealth = collectorHealth;
		this.dataSource = dataSource;
		this.availability = availability;
		this.version = version(buildProperties.getIfAvailable());
		this.clock = clock;
	}

	@GetMapping("/health")
	public ResponseEntity<HealthResponse> health() {
		boolean databaseConnected = databaseConnected();
		CollectorHealthIndicator indicator = this.collectorHealth.getIfAvailable();
		boolean collectorUp = indicator == null || Status.UP.equals(indicator.getHealth(false).getStatus());
		boolean healthy = databaseConnected && collectorUp;
		CollectorStatus.Snapshot snapshot = this.status.snapshot();
		HealthResponse body = new HealthResponse(healthy ? "healthy" : "unhealthy", this.clock.instant().toString(),
				this.identity.name(), this.version, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0,
				databaseConnected, finishedAt(snapshot.lastRun()), finishedAt(snapshot.lastSuccess()),
				snapshot.consecutiveFailures());
		return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	@GetMapping("/ready")
	public ResponseEntity<ReadyResponse> ready() {
		ReadinessState state = this.availability.getReadinessState();
		boolean ready = state == ReadinessState.ACCEPTING_TRAFFIC;
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new ReadyResponse(ready ? "ready" : "not_ready", state.name()));
	}

	private boolean databaseConnected() {
		DataSource source = this.dataSource.getIfAvailable();
		if (source == null) {
			return false;
		}
		try (Connection connection = source.getConnection()) {
			return connection.isValid(DATABASE_TIMEOUT_SECONDS);
		}
		catch (Exception ex) {
			return false;
		}
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
			boolean databaseConnected, String lastCollection, String lastSuccessfulCollection, int collectionErrors) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ReadyResponse(String status, String readinessState) {
	}

}
