package dev.collector.budget;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.collector.jdbc.RequiredTables;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.DailyCollector;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.ops.StatusContributor;
import dev.collector.resilience.CollectorResilience;
import dev.collector.resilience.CollectorResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorRateBudgetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, JacksonAutoConfiguration.class,
				CollectorAutoConfiguration.class, CollectorRateBudgetAutoConfiguration.class,
				CollectorResilienceAutoConfiguration.class))
		.withPropertyValues("collector.name=budgeted", "collector.schedule.enabled=false",
				"collector.rate-limit.requests-per-minute=90")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(DailyCollector.class, () -> new DailyCollector("s1"))
		.withBean(InMemorySink.class, InMemorySink::new)
		.withBean(InMemoryStores.class, InMemoryStores::new);

	private final ApplicationContextRunner withDatabase = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				CollectorJdbcAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void withoutADatabaseTheBudgetIsTheReplicasOwnAndTheLimiterSpendsIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LocalRateBudget.class);
			assertThat(context.getBean(RateBudget.class).share()).isEqualTo(90);
			assertThat(context.getBean(CollectorResilience.class)
				.rateLimiter()
				.getRateLimiterConfig()
				.getLimitRefreshPeriod()).isEqualTo(Duration.ofMinutes(1).dividedBy(90));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("collector.rate.budget.requests.per.minute")
				.tags("collector", "budgeted", "scope", "local")
				.gauge()
				.value()).isEqualTo(90);
			assertThat(meters.get("collector.rate.budget.paused").gauge().value()).isZero();
			assertThat(context.getBean("rateBudgetStatusContributor", StatusContributor.class).name())
				.isEqualTo("rate_budget");
		});
	}

	@Test
	void anEmbeddedDatabaseKeepsTheLocalBudget() {
		this.withDatabase.run((context) -> {
			assertThat(context).hasSingleBean(LocalRateBudget.class);
			assertThat(context.getBean("collectorRateBudgetTables", RequiredTables.class).tables())
				.as("the local budget needs no table")
				.isEmpty();
		});
	}

	@Test
	void theClusterScopeSharesTheBudgetThroughTheDatabase() {
		this.withDatabase
			.withPropertyValues("collector.rate-limit.scope=cluster", "collector.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClusterRateBudget.class);
				assertThat(context.getBean(RateBudget.class).snapshot().scope()).isEqualTo("cluster");
				assertThat(context.getBean("collectorRateBudgetTables", RequiredTables.class).tables())
					.as("the start-up schema check verifies the budget's tables")
					.containsOnlyKeys("collector_rate_budget", "collector_rate_lease");
			});
	}

	@Test
	void backsOffWhenTheUserDeclaresABudget() {
		this.contextRunner.withBean(RateBudget.class, () -> new SettableRateBudget(30))
			.run((context) -> assertThat(context.getBean(RateBudget.class)).isInstanceOf(SettableRateBudget.class));
	}

}
