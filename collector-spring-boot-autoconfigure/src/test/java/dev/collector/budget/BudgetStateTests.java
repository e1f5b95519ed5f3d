package dev.collector.budget;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The adaptive budget: a 429 halves it and pauses it, it climbs back linearly, and
 * several 429s of one pause shrink it once.
 */
class BudgetStateTests {

	private static final Duration RECOVERY = Duration.ofMinutes(5);

	private final Instant now = Instant.parse("2025-01-01T00:00:00Z");

	@Test
	void aBudgetThatWasNeverReducedIsTheConfiguredOne() {
		BudgetState state = BudgetState.of(60);
		assertThat(state.effective(this.now, RECOVERY)).isEqualTo(60);
		assertThat(state.pausedAt(this.now)).isFalse();
	}

	@Test
	void a429PausesForItsRetryAfterAndHalvesTheBudgetWhichThenClimbsBackLinearly() {
		BudgetState state = BudgetState.of(60).throttled(this.now, Duration.ofSeconds(30), 0.5, RECOVERY);
		assertThat(state.pausedAt(this.now.plusSeconds(29))).isTrue();
		assertThat(state.pausedAt(this.now.plusSeconds(30))).isFalse();
		assertThat(state.effective(this.now, RECOVERY)).isEqualTo(30);
		// 60 per minute over 5 minutes: +12 per minute
		assertThat(state.effective(this.now.plusSeconds(60), RECOVERY)).isCloseTo(42, within(0.001));
		assertThat(state.effective(this.now.plusSeconds(150), RECOVERY)).isEqualTo(60);
		assertThat(state.effective(this.now.plusSeconds(3600), RECOVERY)).isEqualTo(60);
	}

	@Test
	void a429DuringThePauseExtendsItWithoutShrinkingTheBudgetAgain() {
		BudgetState once = BudgetState.of(60).throttled(this.now, Duration.ofSeconds(10), 0.5, RECOVERY);
		BudgetState twice = once.throttled(this.now.plusSeconds(1), Duration.ofSeconds(20), 0.5, RECOVERY);
		assertThat(twice.reduced()).isEqualTo(30);
		assertThat(twice.pausedUntil()).isEqualTo(this.now.plusSeconds(21));
		BudgetState shorter = once.throttled(this.now.plusSeconds(1), Duration.ofSeconds(1), 0.5, RECOVERY);
		assertThat(shorter.pausedUntil()).isEqualTo(this.now.plusSeconds(10));
	}

	@Test
	void a429AfterThePauseShrinksWhatTheBudgetHadRecoveredTo() {
		BudgetState once = BudgetState.of(60).throttled(this.now, Duration.ofSeconds(10), 0.5, RECOVERY);
		// 60 s later: 30 + 12 = 42, halved to 21
		BudgetState again = once.throttled(this.now.plusSeconds(60), Duration.ofSeconds(10), 0.5, RECOVERY);
		assertThat(again.reduced()).isCloseTo(21, within(0.001));
	}

	@Test
	void theBudgetNeverShrinksBelowOneRequestAMinute() {
		BudgetState state = BudgetState.of(2);
		for (int i = 0; i < 10; i++) {
			state = state.throttled(this.now.plusSeconds(i * 60L), Duration.ofSeconds(1), 0.5, Duration.ofDays(1));
		}
		assertThat(state.effective(state.reducedAt(), Duration.ofDays(1))).isEqualTo(BudgetState.FLOOR);
	}

	@Test
	void aNewConfiguredLimitKeepsTheReductionAndCapsTheRecovery() {
		BudgetState state = BudgetState.of(60).throttled(this.now, Duration.ofSeconds(1), 0.5, RECOVERY).configured(40);
		assertThat(state.effective(this.now, RECOVERY)).isEqualTo(30);
		assertThat(state.effective(this.now.plusSeconds(3600), RECOVERY)).isEqualTo(40);
	}

}
