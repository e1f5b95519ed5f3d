package dev.collector.sourcecheck;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.web.CollectorRequestLoggingAutoConfiguration;
import dev.collector.web.RequestLoggingFilter;

import static org.assertj.core.api.Assertions.assertThat;

class SourceCheckAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CollectorAutoConfiguration.class, SourceCheckAutoConfiguration.class))
		.withPropertyValues("collector.schedule.enabled=false");

	@Test
	void registersTheCheckerAndTheHealthComponentForACollector() {
		withCollector().run((context) -> assertThat(context).hasSingleBean(SourceChecker.class)
			.hasBean("collectorSourceHealthIndicator"));
	}

	@Test
	void registersNothingWithoutACollector() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SourceChecker.class)
			.doesNotHaveBean(SourceHealthIndicator.class));
	}

	@Test
	void theHealthComponentCanBeSwitchedOff() {
		withCollector().withPropertyValues("management.health.collector-source.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SourceChecker.class)
				.doesNotHaveBean(SourceHealthIndicator.class));
	}

	@Test
	void aNonPositiveIntervalStopsTheStart() {
		withCollector().withPropertyValues("collector.source-check.interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sourceCheck.interval"));
	}

	@Test
	void theRequestLogIsOnByDefaultAndCanBeSwitchedOff() {
		var web = new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CollectorAutoConfiguration.class,
					CollectorRequestLoggingAutoConfiguration.class))
			.withPropertyValues("collector.schedule.enabled=false")
			.withBean(ScriptedCollector.class, ScriptedCollector::new)
			.withBean(InMemoryStores.class, InMemoryStores::new)
			.withBean(InMemorySink.class, InMemorySink::new);
		web.run((context) -> assertThat(context).hasSingleBean(RequestLoggingFilter.class));
		web.withPropertyValues("collector.logging.requests.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestLoggingFilter.class));
	}

	private ApplicationContextRunner withCollector() {
		return this.contextRunner.withBean(ScriptedCollector.class, ScriptedCollector::new)
			.withBean(InMemoryStores.class, InMemoryStores::new)
			.withBean(InMemorySink.class, InMemorySink::new);
	}

}
