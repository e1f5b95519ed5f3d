package dev.collector.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorStatus;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.Trigger;
import dev.collector.test.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorHealthIndicatorTests {

	private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final CollectorStatus status = new CollectorStatus();

	private final CollectorHealthIndicator indicator = new CollectorHealthIndicator(this.status, 2,
			Duration.ofMinutes(45), this.clock);

	@Test
	void upWhenNothingRanYetAndNotStale() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void downAfterTheThresholdOfConsecutiveFailuresAndUpAgainAfterASuccess() {
		this.status.runFinished(run(false));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.status.runFinished(run(false));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("consecutiveFailures", 2).containsEntry("lastError", "boom");
		this.status.runFinished(run(true));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void downWhenTheLastSuccessIsOlderThanStaleAfter() {
		this.status.runFinished(run(true));
		this.clock.setInstant(START.plus(Duration.ofMinutes(44)));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.setInstant(START.plus(Duration.ofMinutes(46)));
		assertThat(this.indicator.health().getDetails().get("reason").toString())
			.startsWith("no successful collection since");
	}

	@Test
	void downWhenNothingSucceededSinceStartUpForTooLong() {
		this.clock.setInstant(START.plus(Duration.ofHours(1)));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void dryRunsDoNotCount() {
		CollectionResult failedDryRun = new CollectionResult(
				new CollectionRequest("d", Trigger.MANUAL, START, START, Set.of(), false, true),
				CollectionResult.Status.FAILED, START, START, RecordCounts.NONE, "boom");
		this.status.runFinished(failedDryRun);
		this.status.runFinished(failedDryRun);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	private CollectionResult run(boolean success) {
		Instant now = this.clock.instant();
		return new CollectionResult(CollectionRequest.of(Trigger.SCHEDULED, now.minusSeconds(60), now),
				success ? CollectionResult.Status.SUCCEEDED : CollectionResult.Status.FAILED, now, now,
				RecordCounts.NONE, success ? null : "boom");
	}

}
