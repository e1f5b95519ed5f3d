package dev.collector.config;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Impossible values stop the start-up with a message that names the property.
 */
class CollectorPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsAreValid() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void rejectsImpossibleValuesNamingEachProperty() {
		assertRejected("collector.rate-limit.requests-per-minute=0", "rateLimit.requestsPerMinute");
		assertRejected("collector.circuit-breaker.failure-threshold=0", "circuitBreaker.failureThreshold");
		assertRejected("collector.circuit-breaker.open-duration=-1s", "circuitBreaker.openDuration");
		assertRejected("collector.retry.max-attempts=0", "retry.maxAttempts");
		assertRejected("collector.retry.initial-delay=-5s", "retry.initialDelay");
		assertRejected("collector.retry.jitter=1.5", "retry.jitter");
		assertRejected("collector.retry.multiplier=0.5", "retry.multiplier");
		assertRejected("collector.cache.ttl=0s", "cache.ttl");
		assertRejected("collector.config.watch-interval=-1s", "config.watchInterval");
		assertRejected("collector.http.connect-timeout=0s", "http.connectTimeout");
	}

	@Test
	void rejectsImpossibleValuesOfTheOtherSectionsNamingEachProperty() {
		assertRejected("collector.schedule.initial-delay=-1s", "schedule.initialDelay");
		assertRejected("collector.shutdown-timeout=-1s", "shutdownTimeout");
		assertRejected("collector.sink.batch-size=0", "sink.batchSize");
		assertRejected("collector.sink.types=", "sink.types");
		assertRejected("collector.source-check.timeout=0s", "sourceCheck.timeout");
		assertRejected("collector.metrics.max-label-sets=0", "metrics.maxLabelSets");
		assertRejected("collector.metrics.prefix=9lives", "metrics.prefix");
		assertRejected("collector.health.failure-threshold=0", "health.failureThreshold");
		assertRejected("collector.health.stale-after=0s", "health.staleAfter");
		assertRejected("collector.health.database.timeout=0s", "health.database.timeout");
		assertRejected("collector.backfill.batch-size=0", "backfill.batchSize");
	}

	@Test
	void aBeginningDateInTheFutureIsRejected() {
		assertRejected("collector.backfill.beginning-date=" + LocalDate.now(ZoneOffset.UTC).plusDays(2),
				"backfill.beginningDate");
	}

	@Test
	void aWebhookUrlThatIsNotAUrlIsRejected() {
		assertRejected("collector.alerting.webhook-url=hooks.example.com/T1", "alerting.webhookUrl");
		assertRejected("collector.alerting.webhook-url=not a url", "alerting.webhookUrl");
	}

	@Test
	void negativeIntervalsAreRejected() {
		assertRejected("collector.schedule.interval=-5m", "schedule.interval");
		assertRejected("collector.backfill.period=-P1D", "backfill.period");
	}

	@Test
	void maxDelayShorterThanTheInitialDelayIsRejected() {
		assertRejected("collector.retry.max-delay=1s", "retry.maxDelay", "collector.retry.initial-delay=5s");
	}

	@Test
	void unknownProfileIsRejectedNamingTheProperty() {
		this.contextRunner.withPropertyValues("collector.profile=turbo")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'collector.profile'"));
	}

	private void assertRejected(String property, String field, String... others) {
		this.contextRunner.withPropertyValues(property)
			.withPropertyValues(others)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining(field));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CollectorProperties.class)
	static class PropertiesConfiguration {

	}

}
