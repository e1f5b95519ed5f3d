package dev.collector.sourcecheck;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code collectorSource} health component: UP when the latest connectivity check
 * reached the source, DOWN with its error otherwise. It checks at most once per
 * {@code collector.source-check.interval}; it is not part of the liveness group (an
 * unreachable source is no reason to restart the collector).
 */
public class SourceHealthIndicator extends AbstractHealthIndicator {

	private final SourceChecker checker;

	public SourceHealthIndicator(SourceChecker checker) {
		super("Source check failed");
		this.checker = checker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SourceCheckResult result = this.checker.cached();
		builder.status(result.reachable() ? Status.UP : Status.DOWN)
			.withDetail("checked_at", result.checkedAt().toString())
			.withDetail("duration_ms", result.duration().toMillis());
		if (result.error() != null) {
			builder.withDetail("error", result.error());
		}
	}

}
