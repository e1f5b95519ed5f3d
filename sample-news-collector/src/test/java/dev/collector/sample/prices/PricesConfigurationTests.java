package dev.collector.sample.prices;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prices collector is registered, as the bean "prices", unless
 * {@code prices.enabled=false}.
 */
class PricesConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(UserConfigurations.of(PricesConfiguration.class));

	@Test
	void onByDefaultOffWhenDisabled() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PricesCollector.class));
		this.contextRunner.withPropertyValues("prices.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PricesCollector.class));
	}

	@Test
	void enabledRegistersTheBeanPricesWithTheConfiguredSymbols() {
		this.contextRunner.withPropertyValues("prices.enabled=true", "prices.symbols=ETH,BTC").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PricesCollector.class).hasBean("prices");
			assertThat(context.getBean("prices", PricesCollector.class).symbols()).containsExactly("ETH", "BTC");
		});
	}

	@Test
	void aSymbolThatIsNotATickerFailsTheStart() {
		this.contextRunner.withPropertyValues("prices.enabled=true", "prices.symbols=BTC,eth")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("prices.symbols[1]"));
	}

}
