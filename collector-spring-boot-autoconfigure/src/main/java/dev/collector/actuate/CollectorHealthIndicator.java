package dev.collector.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorStatus;

/**
 * The {@code collector} health component: DOWN after
 * {@code collector.health.failure-threshold} consecutive failed collections, or when the
 * last successful collection is older than {@code collector.health.stale-after}; UP
 * otherwise. A partial collection (some parts failed, the others were stored) is a
 * success here: the failing parts are listed in the details ({@code failingParts}) while
 * the component stays UP. It is part of /actuator/health but not of the liveness group:
 * restarting the pod does not repair a failing source.
 */
public class CollectorHealthIndicator extends AbstractHealthIndicator {

	private final CollectorStatus status;

	private final int failureThreshold;

	private final Duration staleAfter;

	private final Clock clock;

	private final Instant startedAt;

	public CollectorHealthIndicator(CollectorStatus status, int failureThreshold, Duration staleAfter, Clock clock) {
		super("Collector health check failed");
		this.status = status;
		this.failureThreshold = failureThreshold;
		this.staleAfter = staleAfter;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		CollectorStatus.Snapshot snapshot = this.status.snapshot();
		String problem = problem(snapshot);
		if (problem != null) {
			builder.down().withDetail("reason", problem);
		}
		else {
			builder.up();
		}
		builder.withDetail("consecutiveFailures", snapshot.consecutiveFailures());
		CollectionResult last = snapshot.lastRun();
		if (last != null) {
			builder.withDetail("lastRun", last.finishedAt().toString());
			if (last.error() != null) {
				builder.withDetail("lastError", last.error());
			}
		}
		if (snapshot.lastSuccess() != null) {
			builder.withDetail("lastSuccess", snapshot.lastSuccess().finishedAt().toString());
		}
		CollectorStatus.FailingParts failing = snapshot.failingParts();
		if (failing.count() > 0) {
			// shown, not DOWN: the other parts are collected
			java.util.Map<String, String> parts = new java.util.LinkedHashMap<>();
			failing.shown().forEach((part) -> parts.putIfAbsent(part.part(), part.error()));
			builder.withDetail("failingParts", java.util.Map.of("count", failing.count(), "parts", parts));
		}
		this.status.running().ifPresent((request) -> builder.withDetail("runningRunId", request.runId()));
	}

	/**
	 * Why the collector is unhealthy.
	 * @param snapshot the state
	 * @return the reason, or {@code null} when healthy
	 */
	String problem(CollectorStatus.Snapshot snapshot) {
		if (snapshot.consecutiveFailures() >= this.failureThreshold) {
			return snapshot.consecutiveFailures() + " consecutive collections failed";
		}
		if (this.staleAfter != null) {
			Instant now = this.clock.instant();
			Instant since = (snapshot.lastSuccess() != null) ? snapshot.lastSuccess().finishedAt() : this.startedAt;
			if (Duration.between(since, now).compareTo(this.staleAfter) > 0) {
				return (snapshot.lastSuccess() != null) ? "no successful collection since " + since
						: "no successful collection since start-up at " + since;
			}
		}
		return null;
	}

}
