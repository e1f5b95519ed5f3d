package dev.collector.test;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.collector.test.support.MutableClock;
import dev.collector.actuate.CollectorMetricsAutoConfiguration;
import dev.collector.collect.CollectorAutoConfiguration;

/**
 * What a {@link CollectorTest} adds to the collector machinery: a {@link MutableClock}, a
 * and a {@link SimpleMeterRegistry}. Each backs off when the test declares its own.
 * Imported only by the test annotations, never by the application.
 */
@AutoConfiguration(before = { CollectorAutoConfiguration.class, CollectorMetricsAutoConfiguration.class })
public class CollectorTestAutoConfiguration {

	/** Where the test clock starts, as an ISO-8601 instant. */
	static final String CLOCK_START_PROPERTY = "collector-test.clock-start";

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	MutableClock collectorTestClock(Environment environment) {
		String start = environment.getProperty(CLOCK_START_PROPERTY);
		return new MutableClock((start != null) ? Instant.parse(start) : MutableClock.DEFAULT_START);
	}

	@Bean
	@ConditionalOnMissingBean(MeterRegistry.class)
	SimpleMeterRegistry collectorTestMeterRegistry() {
		return new SimpleMeterRegistry();
	}

}
