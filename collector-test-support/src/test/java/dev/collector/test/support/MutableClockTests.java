package dev.collector.test.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTests {

	@Test
	void movesOnlyWhenTold() {
		MutableClock clock = new MutableClock(MutableClock.DEFAULT_START);
		assertThat(clock.instant()).isEqualTo(clock.instant()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(clock.advance(Duration.ofMinutes(15))).isEqualTo("2026-01-01T00:15:00Z");
		clock.setInstant(Instant.parse("2030-05-05T05:05:05Z"));
		assertThat(clock.millis()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z").toEpochMilli());
		assertThat(clock.reset()).isEqualTo(MutableClock.DEFAULT_START);
		assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START);
	}

	@Test
	void aZonedCopySharesTheTime() {
		MutableClock clock = new MutableClock(MutableClock.DEFAULT_START);
		java.time.Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
		clock.advance(Duration.ofHours(1));
		assertThat(paris.instant()).isEqualTo(clock.instant());
		assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
	}

}
