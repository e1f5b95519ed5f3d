package dev.collector.test.multi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.Collector;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code @CollectorTest(collector = "prices")} in an application with two collectors: the
 * test's context holds {@code prices} alone, served as a single collector is, with its
 * overrides; {@code rates} and its overrides neither run nor get in the way.
 */
@CollectorTest(collector = "prices", properties = { "collector.collectors.prices.sink.batch-size=7",
		"collector.collectors.rates.schedule.interval=1m" })
class CollectorTestOfOneCollectorTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CollectorTester tester;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	static void countFromZero() {
		RatesCollector.CALLS.set(0);
	}

	@Test
	void onlyTheCollectorUnderTestIsInTheContext() {
		assertThat(this.context.getBeansOfType(Collector.class)).containsOnlyKeys("prices");
		assertThat(this.context.getBean(CollectorIdentity.class).name()).isEqualTo("prices");
		assertThat(this.tester.name()).hasValue("prices");
		assertThat(this.tester.collector("prices")).isSameAs(this.tester);
		assertThatIllegalArgumentException().isThrownBy(() -> this.tester.collector("rates"))
			.withMessageContaining("'prices'");
	}

	@Test
	void itsOverridesApply() {
		assertThat(this.context.getBean(CollectorProperties.class).getSink().getBatchSize()).isEqualTo(7);
	}

	@Test
	void itRunsAloneAndTheOtherNeverRuns() {
		CollectionResult result = this.tester.collect();
		assertThat(result.status()).isEqualTo(CollectionResult.Status.SUCCEEDED);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM price", Long.class)).isOne();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rate", Long.class)).isZero();
		assertThat(this.context.getBean(PricesCollector.class).calls()).isOne();
		assertThat(RatesCollector.CALLS).hasValue(0);
	}

}
