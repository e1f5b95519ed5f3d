package dev.collector.test.multi;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.collector.collect.Collector;
import dev.collector.test.CollectorSelection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link CollectorSelection} keeps of an application's collectors.
 */
class CollectorSelectionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CollectorSelection.class))
		.withBean("prices", PricesCollector.class)
		.withBean("rates", RatesCollector.class);

	@Test
	void keepsTheNamedCollectorOnlyWithItsOverridesAsCollectorProperties() {
		this.contextRunner
			.withPropertyValues(CollectorSelection.PROPERTY + "=rates", "collector.collectors.rates.sink.batch-size=3",
					"collector.collectors.prices.sink.batch-size=9")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(Collector.class)).containsOnlyKeys("rates");
				assertThat(context.getEnvironment().getProperty("collector.sink.batch-size")).isEqualTo("3");
				assertThat(context.getEnvironment().getProperty("collector.name")).isEqualTo("rates");
			});
	}

	@Test
	void severalCollectorsWithoutOneNamedFailNamingThem() {
		this.contextRunner.run((context) -> assertThat(context).getFailure()
			.hasMessageContaining("[prices, rates]")
			.hasMessageContaining("@CollectorTest(collector = "));
	}

	@Test
	void withoutANameTheDefaultCollectorIsTested() {
		this.contextRunner.withPropertyValues("collector.default-collector=rates")
			.run((context) -> assertThat(context.getBeansOfType(Collector.class)).containsOnlyKeys("rates"));
	}

	@Test
	void anUnknownNameFailsNamingTheCollectors() {
		this.contextRunner.withPropertyValues(CollectorSelection.PROPERTY + "=prizes")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("prizes")
				.hasMessageContaining("[prices, rates]"));
	}

	@Test
	void aSingleCollectorNeedsNoName() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CollectorSelection.class))
			.withBean("prices", PricesCollector.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Collector.class));
	}

}
