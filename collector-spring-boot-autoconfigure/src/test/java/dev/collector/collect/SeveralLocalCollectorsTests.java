package dev.collector.collect;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two collectors without a database: each runs on its own schedule and executor in its
 * own context, and {@code collector.max-concurrent-runs} bounds their runs together.
 */
class SeveralLocalCollectorsTests {

	private final ApplicationContextRunner twoCollectors = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsApplication.class, StoresConfiguration.class)
		.withPropertyValues("spring.autoconfigure.exclude=" + DataSourceAutoConfiguration.class.getName(),
				"spring.main.web-application-type=none", "collector.schedule.initial-delay=0s",
				"collector.schedule.interval=200ms", "collector.shutdown-timeout=1s");

	@Test
	void eachCollectorHasItsOwnScheduleAndTheirRunsShareTheBound() {
		this.twoCollectors.withPropertyValues("collector.max-concurrent-runs=1").run((context) -> {
			assertThat(context).hasNotFailed();
			CollectorRegistry registry = context.getBean(CollectorRegistry.class);
			RunPermits permits = context.getBean(RunPermits.class);
			assertThat(permits.limit()).isEqualTo(1);
			for (CollectorUnit unit : registry.units()) {
				ConfigurableApplicationContext child = (ConfigurableApplicationContext) unit.context();
				assertThat(child.getBeanFactory().getBeanNamesForType(LocalCollectionScheduler.class)).hasSize(1);
			}
			ScriptedCollector readings = context.getBean(ScriptedCollector.class);
			QuoteCollector quotes = context.getBean(QuoteCollector.class);
			await(() -> quotes.calls() >= 2 && readings.requests().size() >= 2);
			readings.holding();
			assertThat(readings.awaitEntered()).isTrue();
			int quotesBefore = quotes.calls();
			// quotes' scheduled run waits for the only permit on its own executor
			await(() -> permits.waiting() == 1);
			assertThat(quotes.calls()).isEqualTo(quotesBefore);
			readings.release();
			await(() -> quotes.calls() > quotesBefore);
		});
	}

	@Test
	void byDefaultRunsOfTwoCollectorsOverlap() {
		this.twoCollectors.run((context) -> {
			assertThat(context.getBean(RunPermits.class).limit()).isEqualTo(2);
			ScriptedCollector readings = context.getBean(ScriptedCollector.class);
			QuoteCollector quotes = context.getBean(QuoteCollector.class);
			readings.holding();
			assertThat(readings.awaitEntered()).isTrue();
			int quotesBefore = quotes.calls();
			// a run of readings never delays quotes
			await(() -> quotes.calls() >= quotesBefore + 2);
			readings.release();
		});
	}

	@Test
	void aRefreshedBoundAppliesToTheNextRuns() {
		this.twoCollectors.withPropertyValues("collector.max-concurrent-runs=1").run((context) -> {
			RunPermits permits = context.getBean(RunPermits.class);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("refreshed", Map.of("collector.max-concurrent-runs", "3")));
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("collector.max-concurrent-runs")));
			assertThat(permits.limit()).isEqualTo(3);
		});
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				fail("timed out");
			}
			Thread.sleep(Duration.ofMillis(20).toMillis());
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class StoresConfiguration {

		// without a database: the application's stores and sink serve both collectors
		@Bean
		InMemoryStores collectorStores() {
			return new InMemoryStores();
		}

		@Bean
		RecordSink<Object> collectorSink() {
			return (batch) -> WriteResult.of(batch.size(), 0);
		}

	}

}
