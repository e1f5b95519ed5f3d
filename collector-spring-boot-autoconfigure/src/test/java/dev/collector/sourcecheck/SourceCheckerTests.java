package dev.collector.sourcecheck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Status;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.test.support.MutableClock;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;

import static org.assertj.core.api.Assertions.assertThat;

class SourceCheckerTests {

	private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	@Test
	void theDefaultCheckIsADryRunFetchOfTheSmallestWindow() {
		ScriptedCollector collector = new ScriptedCollector().returning(List.of(Reading.of("s1", NOW, 1)));
		try (SourceChecker checker = checker(collector, Duration.ofSeconds(5))) {
			SourceCheckResult result = checker.checkNow();
			assertThat(result.reachable()).isTrue();
			assertThat(result.error()).isNull();
			assertThat(result.checkedAt()).isEqualTo(NOW);
			CollectionRequest probe = collector.requests().get(0);
			assertThat(probe.dryRun()).isTrue();
			assertThat(probe.to()).isEqualTo(NOW);
			assertThat(probe.from()).isEqualTo(NOW.minusSeconds(60));
		}
	}

	@Test
	void aFailingSourceIsReportedWithItsError() {
		try (SourceChecker checker = checker(new ScriptedCollector().failing("connection refused"),
				Duration.ofSeconds(5))) {
			SourceCheckResult result = checker.checkNow();
			assertThat(result.reachable()).isFalse();
			assertThat(result.error()).contains("connection refused");
			assertThat(new SourceHealthIndicator(checker).health().getStatus()).isEqualTo(Status.DOWN);
		}
	}

	@Test
	void aHangingSourceFailsAfterTheTimeout() {
		CountDownLatch never = new CountDownLatch(1);
		Collector<Reading> hanging = (request) -> {
			never.await();
			return Stream.empty();
		};
		try (SourceChecker checker = checker(hanging, Duration.ofMillis(100))) {
			SourceCheckResult result = checker.checkNow();
			assertThat(result.reachable()).isFalse();
			assertThat(result.error()).contains("collector.source-check.timeout");
		}
	}

	@Test
	void healthCallsTheSourceAtMostOncePerInterval() {
		AtomicInteger calls = new AtomicInteger();
		Collector<Reading> counting = new Collector<>() {

			@Override
			public Stream<Reading> collect(CollectionRequest request) {
				return Stream.empty();
			}

			@Override
			public void check(CollectionRequest probe) {
				calls.incrementAndGet();
			}

		};
		try (SourceChecker checker = checker(counting, Duration.ofSeconds(5))) {
			SourceHealthIndicator health = new SourceHealthIndicator(checker);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			health.health();
			this.clock.setInstant(NOW.plus(Duration.ofMinutes(4)));
			health.health();
			assertThat(calls).hasValue(1);
			this.clock.setInstant(NOW.plus(Duration.ofMinutes(5)));
			health.health();
			assertThat(calls).hasValue(2);
		}
	}

	private SourceChecker checker(Collector<?> collector, Duration timeout) {
		return new SourceChecker(collector, this.clock, Duration.ofMinutes(5), timeout, Duration.ofMinutes(1));
	}

}
