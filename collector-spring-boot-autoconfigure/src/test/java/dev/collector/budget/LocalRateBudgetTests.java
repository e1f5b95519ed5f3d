package dev.collector.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.collector.config.RateLimitProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget of one replica: its share is the whole budget, a 429 takes it to zero until
 * the pause ends and callers wait for that, and the limiter hears of every change.
 */
class LocalRateBudgetTests {

	private LocalRateBudget budget;

	@AfterEach
	void stop() {
		if (this.budget != null) {
			this.budget.stop();
		}
	}

	@Test
	void theShareIsTheWholeBudgetAndFollowsANewLimit() {
		this.budget = new LocalRateBudget("c", settings(60), Clock.systemUTC());
		List<Double> heard = new CopyOnWriteArrayList<>();
		this.budget.onShareChange(heard::add);
		this.budget.start();
		assertThat(this.budget.share()).isEqualTo(60);
		this.budget.configure(90);
		this.budget.tick();
		assertThat(this.budget.share()).isEqualTo(90);
		assertThat(heard).containsExactly(60.0, 90.0);
		assertThat(this.budget.snapshot()).isEqualTo(new RateBudget.Snapshot("local", 90, 90, 90, 1, null));
	}

	@Test
	void a429StopsEveryCallerUntilThePauseEndsAndHalvesTheBudget() throws Exception {
		this.budget = new LocalRateBudget("c", settings(60), Clock.systemUTC());
		this.budget.start();
		this.budget.throttled(Duration.ofMillis(600));
		assertThat(this.budget.share()).isZero();
		assertThat(this.budget.snapshot().pausedUntil()).isNotNull();
		// a caller that may not wait that long is refused
		assertThat(this.budget.awaitTurn(Duration.ZERO)).isFalse();
		// one that may waits for the end of the pause, then gets half the budget
		assertThat(this.budget.awaitTurn(Duration.ofSeconds(30))).isTrue();
		assertThat(this.budget.share()).isBetween(30.0, 31.0);
	}

	@Test
	void a429WithoutRetryAfterPausesForTheConfiguredPause() {
		RateLimitProperties settings = settings(60);
		settings.setPause(Duration.ofMinutes(1));
		this.budget = new LocalRateBudget("c", settings, Clock.systemUTC());
		this.budget.start();
		this.budget.throttled(null);
		assertThat(this.budget.snapshot().pausedUntil()).isAfter(java.time.Instant.now().plusSeconds(50));
	}

	private static RateLimitProperties settings(int requestsPerMinute) {
		RateLimitProperties settings = new RateLimitProperties();
		settings.setRequestsPerMinute(requestsPerMinute);
		return settings;
	}

}
