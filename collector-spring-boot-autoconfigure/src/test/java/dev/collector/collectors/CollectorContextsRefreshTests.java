package dev.collector.collectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import dev.collector.collect.CollectorRegistry;
import dev.collector.config.CollectorProperties;
import dev.collector.fixtures.TwoCollectorsApplication;
import dev.collector.resilience.CollectorResilience;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live refresh with several collectors: a change of the application's environment reaches
 * each collector's context, with its own overrides.
 */
class CollectorContextsRefreshTests {

	private final Map<String, Object> live = new HashMap<>();

	private final ApplicationContextRunner twoCollectors = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsApplication.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"spring.main.web-application-type=none")
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("live", this.live)));

	@Test
	void anOverrideChangedAtRunTimeAppliesToItsCollectorOnly() {
		this.live.put("collector.collectors.quotes.sink.batch-size", "11");
		this.live.put("collector.rate-limit.requests-per-minute", "600");
		this.twoCollectors
			.withBean(CollectorSpecification.class, () -> new CollectorSpecification("quotes", KeysRecorder.class))
			.run((context) -> {
				CollectorRegistry registry = context.getBean(CollectorRegistry.class);
				CollectorProperties quotes = registry.get("quotes").get(CollectorProperties.class);
				CollectorProperties readings = registry.get("readings").get(CollectorProperties.class);
				int readingsBatch = readings.getSink().getBatchSize();
				assertThat(quotes.getSink().getBatchSize()).isEqualTo(11);

				this.live.put("collector.collectors.quotes.sink.batch-size", "13");
				this.live.put("collector.collectors.quotes.rate-limit.requests-per-minute", "60");
				context.publishEvent(
						new EnvironmentChangeEvent(context, Set.of("collector.collectors.quotes.sink.batch-size",
								"collector.collectors.quotes.rate-limit.requests-per-minute")));

				// the properties bean may be a fresh binding of the same instance
				assertThat(registry.get("quotes").get(CollectorProperties.class).getSink().getBatchSize())
					.isEqualTo(13);
				assertThat(registry.get("readings").get(CollectorProperties.class).getSink().getBatchSize())
					.isEqualTo(readingsBatch);
				assertThat(registry.get("quotes").get(KeysRecorder.class).keys)
					.containsExactly(Set.of("collector.sink.batch-size", "collector.rate-limit.requests-per-minute"));
				// each collector's rate limit is its own (its listener applies it to its
				// own
				// limiter: LiveConfigurationTests; the limiter's period also follows the
				// rate budget, so it is not compared here)
				assertThat(registry.get("quotes").get(CollectorProperties.class).getRateLimit().getRequestsPerMinute())
					.isEqualTo(60);
				assertThat(
						registry.get("readings").get(CollectorProperties.class).getRateLimit().getRequestsPerMinute())
					.isEqualTo(600);
				CollectorResilience quotesResilience = registry.get("quotes").get(CollectorResilience.class);
				CollectorResilience readingsResilience = registry.get("readings").get(CollectorResilience.class);
				assertThat(quotesResilience.name()).isEqualTo("quotes");
				assertThat(quotesResilience.rateLimiter()).isNotSameAs(readingsResilience.rateLimiter());
			});
	}

	@Test
	void anInvalidChangeForOneCollectorLeavesTheOthersChangesApplied() {
		this.twoCollectors.run((context) -> {
			CollectorRegistry registry = context.getBean(CollectorRegistry.class);
			// readings comes first: its invalid value must not stop quotes' change
			this.live.put("collector.collectors.readings.sink.batch-size", "0");
			this.live.put("collector.collectors.quotes.sink.batch-size", "17");
			context.publishEvent(new EnvironmentChangeEvent(context, Set
				.of("collector.collectors.quotes.sink.batch-size", "collector.collectors.readings.sink.batch-size")));
			assertThat(registry.get("quotes").get(CollectorProperties.class).getSink().getBatchSize()).isEqualTo(17);
		});
	}

	@Test
	void theApplicationsOwnListenersHearTheChangeOnce() {
		this.twoCollectors.withBean(ApplicationListenerCounter.class).run((context) -> {
			context.publishEvent(
					new EnvironmentChangeEvent(context, Set.of("collector.collectors.quotes.sink.batch-size")));
			assertThat(context.getBean(ApplicationListenerCounter.class).events).hasSize(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class KeysRecorder {

		final List<Set<String>> keys = new ArrayList<>();

		@Bean
		ApplicationListener<EnvironmentChangeEvent> keysRecorderListener() {
			return (event) -> this.keys.add(event.getKeys());
		}

	}

	static class ApplicationListenerCounter implements ApplicationListener<EnvironmentChangeEvent> {

		final List<EnvironmentChangeEvent> events = new ArrayList<>();

		@Override
		public void onApplicationEvent(EnvironmentChangeEvent event) {
			this.events.add(event);
		}

	}

}
