package dev.collector.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectionCompletedEvent;
import dev.collector.collect.CollectionFailedEvent;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.PartFailure;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.Trigger;
import dev.collector.config.CollectorIdentity;
import dev.collector.fixtures.WebhookServer;

import static org.assertj.core.api.Assertions.assertThat;

class AutomaticAlertsTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final WebhookServer webhook = WebhookServer.start();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WebhookAlertSender sender = new WebhookAlertSender(RestClient.create(), this.webhook.url(),
			RetryTemplate.builder().maxAttempts(3).fixedBackoff(1).build(), new CollectorIdentity("news", "pod-1"),
			Clock.systemUTC(), this.registry, "collector");

	// delivers on the calling thread: the test sees the webhook at once
	private final AutomaticAlerts alerts = new AutomaticAlerts(this.sender, Runnable::run, 3);

	@AfterEach
	void stop() {
		this.webhook.close();
	}

	@Test
	void oneAlertPerIncidentAndOneOnRecovery() {
		fail(2);
		assertThat(this.webhook.bodies()).isEmpty();
		fail(5);
		assertThat(this.webhook.bodies()).singleElement()
			.asString()
			.contains("\"severity\":\"critical\"")
			.contains("3 collections in a row failed")
			.contains("\"text\":\"[CRITICAL] news: 3 collections in a row failed\"")
			.contains("source down");
		assertThat(this.alerts.isIncidentOpen()).isTrue();
		succeed();
		assertThat(this.webhook.bodies()).hasSize(2);
		assertThat(this.webhook.bodies().get(1)).contains("\"severity\":\"info\"").contains("recovered after 7");
		succeed();
		fail(2);
		assertThat(this.webhook.bodies()).hasSize(2);
		fail(1);
		assertThat(this.webhook.bodies()).hasSize(3);
	}

	@Test
	void aPartThatKeepsFailingAlertsOnceNamingItAndOnceWhenItIsBack() {
		partial(2, "feed-72", "feed-9");
		assertThat(this.webhook.bodies()).isEmpty();
		partial(1, "feed-72", "feed-9");
		assertThat(this.webhook.bodies()).singleElement()
			.asString()
			.contains("\"severity\":\"critical\"")
			.contains("Part(s) failed in 3 collections in a row: feed-72, feed-9")
			.contains("Invalid document");
		// still failing: no second alert; a partial run is not a failed run
		partial(5, "feed-72");
		assertThat(this.webhook.bodies()).hasSize(2);
		assertThat(this.webhook.bodies().get(1)).contains("\"severity\":\"info\"")
			.contains("Part(s) collected again: feed-9");
		assertThat(this.alerts.isIncidentOpen()).isFalse();
		succeed();
		assertThat(this.webhook.bodies()).hasSize(3);
		assertThat(this.webhook.bodies().get(2)).contains("collected again: feed-72");
	}

	@Test
	void dryRunsDoNotCount() {
		for (int i = 0; i < 5; i++) {
			this.alerts.collectionFailed(new CollectionFailedEvent(result(CollectionResult.Status.FAILED, true), null));
		}
		assertThat(this.webhook.bodies()).isEmpty();
	}

	@Test
	void brokenWebhookIsRetriedCountedAndNeverThrows() {
		this.webhook.answering(503);
		fail(3);
		assertThat(this.webhook.bodies()).hasSize(3);
		assertThat(this.registry.get("collector.alerts").tag("status", "failed").counter().count()).isEqualTo(1);
		this.webhook.answering(200);
		succeed();
		assertThat(this.registry.get("collector.alerts").tag("status", "sent").counter().count()).isEqualTo(1);
	}

	private void fail(int times) {
		for (int i = 0; i < times; i++) {
			this.alerts.collectionFailed(
					new CollectionFailedEvent(result(CollectionResult.Status.FAILED, false), new RuntimeException()));
		}
	}

	private void succeed() {
		this.alerts.collectionCompleted(new CollectionCompletedEvent(result(CollectionResult.Status.SUCCEEDED, false)));
	}

	private void partial(int times, String... parts) {
		for (int i = 0; i < times; i++) {
			CollectionResult result = result(CollectionResult.Status.PARTIAL, false);
			List<PartFailure> failures = java.util.Arrays.stream(parts)
				.map((part) -> new PartFailure(part, "FeedReadException: Invalid document", T0, T0.plusSeconds(60)))
				.toList();
			this.alerts.collectionCompleted(new CollectionCompletedEvent(
					new CollectionResult(result.request(), result.status(), T0, T0.plusSeconds(1), RecordCounts.NONE,
							"parts failed", failures, failures.size(), List.of())));
		}
	}

	private static CollectionResult result(CollectionResult.Status status, boolean dryRun) {
		CollectionRequest request = new CollectionRequest(java.util.UUID.randomUUID().toString(), Trigger.SCHEDULED, T0,
				T0.plusSeconds(60), Set.of(), false, dryRun);
		return new CollectionResult(request, status, T0, T0.plusSeconds(1), RecordCounts.NONE,
				(status == CollectionResult.Status.FAILED) ? "SourceException: source down" : null);
	}

}
