package dev.collector.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.ScriptedCollector;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorCustomMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CollectorAutoConfiguration.class, CollectorCustomMetricsAutoConfiguration.class))
		.withPropertyValues("collector.name=news", "collector.schedule.enabled=false")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void registersTheFacadeAndTheScrapeDurationForACollector() {
		this.contextRunner.withBean(ScriptedCollector.class, ScriptedCollector::new)
			.withBean(InMemoryStores.class, InMemoryStores::new)
			.withBean(InMemorySink.class, InMemorySink::new)
			.withPropertyValues("collector.metrics.max-label-sets=1")
			.run((context) -> {
				assertThat(context).hasSingleBean(CollectorMetrics.class).hasSingleBean(ScrapeDuration.class);
				CollectorMetrics metrics = context.getBean(CollectorMetrics.class);
				metrics.counter("items", "Items", "feed").labels("a").increment();
				metrics.counter("items", "Items", "feed").labels("b").increment();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("collector.items").tag("collector", "news").counter().count()).isEqualTo(1);
				assertThat(registry.get("collector.metrics.dropped.label.sets").counter().count()).isEqualTo(1);
				assertThat(registry.find("collector.scrape.duration").timeGauge()).isNotNull();
			});
	}

	@Test
	void registersNothingWithoutACollector() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CollectorMetrics.class)
			.doesNotHaveBean(ScrapeDuration.class));
	}

	@Test
	void backsOffWhenTheApplicationDeclaresItsOwn() {
		this.contextRunner.withBean(ScriptedCollector.class, ScriptedCollector::new)
			.withBean(InMemoryStores.class, InMemoryStores::new)
			.withBean(InMemorySink.class, InMemorySink::new)
			.withBean("myMetrics", CollectorMetrics.class,
					() -> new CollectorMetrics(new SimpleMeterRegistry(), "mine", "news", 5))
			.run((context) -> assertThat(context.getBean(CollectorMetrics.class))
				.isSameAs(context.getBean("myMetrics")));
	}

	@Test
	void aCapBelowOneStopsTheStart() {
		this.contextRunner.withBean(ScriptedCollector.class, ScriptedCollector::new)
			.withBean(InMemoryStores.class, InMemoryStores::new)
			.withBean(InMemorySink.class, InMemorySink::new)
			.withPropertyValues("collector.metrics.max-label-sets=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("maxLabelSets"));
	}

}
