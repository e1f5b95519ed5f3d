package dev.collector.test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.collector.test.support.MutableClock;
import dev.collector.actuate.CollectorRunMetricsAutoConfiguration;
import dev.collector.collect.CollectorAutoConfiguration;

/**
 * What a {@link CollectorTest} adds to the collector machinery: a {@link MutableClock}
 * and a meter registry (a {@link CompositeMeterRegistry} over a
 * {@link SimpleMeterRegistry}). Each backs off when the test declares its own. Imported
 * only by the test annotations, never by the application.
 */
@AutoConfiguration(before = { CollectorAutoConfiguration.class, CollectorRunMetricsAutoConfiguration.class })
public class CollectorTestAutoConfiguration {

	/** Where the test clock starts, as an ISO-8601 instant. */
	static final String CLOCK_START_PROPERTY = "collector-test.clock-start";

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	MutableClock collectorTestClock(Environment environment) {
		String start = environment.getProperty(CLOCK_START_PROPERTY);
		return new MutableClock((start != null) ? Instant.parse(start) : MutableClock.DEFAULT_START);
	}

	/**
	 * A composite over one {@link SimpleMeterRegistry}: the reset between tests swaps the
	 * child for a new one, so every meter counts from zero again while the references the
	 * application holds keep working.
	 * @return the registry
	 */
	@Bean
	@ConditionalOnMissingBean(MeterRegistry.class)
	CompositeMeterRegistry collectorTestMeterRegistry() {
		return new CompositeMeterRegistry(io.micrometer.core.instrument.Clock.SYSTEM,
				List.of(new SimpleMeterRegistry()));
	}

}
