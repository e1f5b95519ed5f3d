package dev.collector.test;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.collector.collect.CollectionRunner;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

class CollectorTesterTests {

	@Test
	void aTesterOverTheSystemClockCannotMoveTime() {
		CollectorTester tester = new CollectorTester(mock(CollectionRunner.class), Clock.systemUTC());
		assertThatIllegalStateException().isThrownBy(() -> tester.advance(Duration.ofMinutes(1)))
			.withMessageContaining("not a MutableClock");
	}

}
