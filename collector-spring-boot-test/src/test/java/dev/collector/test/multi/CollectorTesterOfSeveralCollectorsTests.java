package dev.collector.test.multi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorRegistry;
import dev.collector.test.CollectorTester;
import dev.collector.test.AutoConfigureCollectorTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@link CollectorTester} of a whole application with two collectors (as
 * {@code @AutoConfigureCollectorTester} adds it): {@code tester.collector(name)} runs one
 * collector through its own context; without a default collector the bean asks for a
 * name.
 */
class CollectorTesterOfSeveralCollectorsTests {

	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsKitApplication.class, TesterConfiguration.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", "spring.main.web-application-type=none",
				"collector.schedule.enabled=false");

	@BeforeEach
	void countFromZero() {
		RatesCollector.CALLS.set(0);
	}

	@Test
	void eachCollectorHasItsTester() {
		this.application.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(CollectorTester.class);
			assertThat(context.getBean(CollectorRegistry.class).names()).containsExactlyInAnyOrder("prices", "rates");
			CollectorTester tester = context.getBean(CollectorTester.class);
			CollectorTester prices = tester.collector("prices");
			assertThat(prices.name()).hasValue("prices");
			assertThat(prices.collect().status()).isEqualTo(CollectionResult.Status.SUCCEEDED);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM price", Long.class)).isOne();
			assertThat(RatesCollector.CALLS).hasValue(0);
			assertThat(prices.collector("rates").collect().counts().inserted()).isEqualTo(2);
			assertThat(RatesCollector.CALLS).hasValue(1);
			tester.reset();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM price", Long.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate", Long.class)).isZero();
		});
	}

	@Test
	void withoutADefaultCollectorTheTesterAsksForOne() {
		this.application.run((context) -> {
			CollectorTester tester = context.getBean(CollectorTester.class);
			assertThat(tester.name()).isEmpty();
			assertThatIllegalStateException().isThrownBy(tester::collect).withMessageContaining("tester.collector(");
			assertThatIllegalArgumentException().isThrownBy(() -> tester.collector("prizes"))
				.withMessageContaining("prizes")
				.withMessageContaining("rates");
		});
	}

	@Test
	void theDefaultCollectorIsTheTesters() {
		this.application.withPropertyValues("collector.default-collector=rates").run((context) -> {
			CollectorTester tester = context.getBean(CollectorTester.class);
			assertThat(tester.name()).hasValue("rates");
			assertThat(tester.collect().counts().inserted()).isEqualTo(2);
		});
	}

	/**
	 * Adds the tester as a full application test does, after every auto-configuration it
	 * follows.
	 */
	@Configuration(proxyBeanMethods = false)
	@AutoConfigureCollectorTester
	static class TesterConfiguration {

	}

}
