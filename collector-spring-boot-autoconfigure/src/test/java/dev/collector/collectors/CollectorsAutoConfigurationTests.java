package dev.collector.collectors;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.collect.RecordSink;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.ScriptedCollectorApplication;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry of collectors with 0, 1 and 2 collectors, their overrides and the beans an
 * application replaces for one collector or for all.
 */
class CollectorsAutoConfigurationTests {

	private final ApplicationContextRunner twoCollectors = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsApplication.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"spring.main.web-application-type=none");

	@Test
	void noCollectorNoRegistry() {
		new ApplicationContextRunner().withUserConfiguration(NoCollectorApplication.class)
			.withPropertyValues("spring.datasource.generate-unique-name=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CollectorRegistry.class));
	}

	@Test
	void oneCollectorIsServedByTheApplicationsContext() {
		new ApplicationContextRunner().withUserConfiguration(ScriptedCollectorApplication.class)
			.withPropertyValues("spring.datasource.generate-unique-name=true",
					"spring.sql.init.schema-locations=classpath:reading-schema.sql", "collector.name=solo")
			.run((context) -> {
				CollectorRegistry registry = context.getBean(CollectorRegistry.class);
				assertThat(registry.names()).containsExactly("solo");
				assertThat(registry.several()).isFalse();
				assertThat(registry.defaultUnit()).map(CollectorUnit::name).hasValue("solo");
				assertThat(registry.get("solo").context()).isSameAs(context.getSourceApplicationContext());
				assertThat(context).hasSingleBean(CollectionRunner.class);
			});
	}

	@Test
	void eachOfTwoCollectorsGetsItsOwnBeans() {
		this.twoCollectors.run((context) -> {
			assertThat(context).hasNotFailed();
			CollectorRegistry registry = context.getBean(CollectorRegistry.class);
			assertThat(registry.names()).containsExactly("readings", "quotes");
			assertThat(registry.several()).isTrue();
			assertThat(registry.defaultUnit()).isEmpty();
			// nothing per collector in the application's context
			assertThat(context).doesNotHaveBean(CollectionRunner.class);
			CollectorUnit readings = registry.get("readings");
			CollectorUnit quotes = registry.get("quotes");
			assertThat(readings.collector()).isInstanceOf(ScriptedCollector.class);
			assertThat(quotes.collector()).isInstanceOf(QuoteCollector.class);
			assertThat(readings.get(CollectionRunner.class)).isNotSameAs(quotes.get(CollectionRunner.class));
			assertThat(readings.get(CollectorIdentity.class).name()).isEqualTo("readings");
			assertThat(quotes.get(CollectorIdentity.class).name()).isEqualTo("quotes");
			assertThat(readings.get(CollectorIdentity.class).instanceId())
				.isEqualTo(quotes.get(CollectorIdentity.class).instanceId());
		});
	}

	@Test
	void overridesApplyToTheirCollectorOnly() {
		this.twoCollectors
			.withPropertyValues("collector.schedule.interval=30m", "collector.collectors.quotes.schedule.interval=1m")
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("COLLECTOR_COLLECTORS_READINGS_SINK_BATCHSIZE", "7"))))
			.run((context) -> {
				CollectorRegistry registry = context.getBean(CollectorRegistry.class);
				CollectorProperties readings = registry.get("readings").get(CollectorProperties.class);
				CollectorProperties quotes = registry.get("quotes").get(CollectorProperties.class);
				assertThat(readings.getSchedule().getInterval()).isEqualTo(Duration.ofMinutes(30));
				assertThat(quotes.getSchedule().getInterval()).isEqualTo(Duration.ofMinutes(1));
				assertThat(readings.getSink().getBatchSize()).isEqualTo(7);
				assertThat(quotes.getSink().getBatchSize()).isNotEqualTo(7);
			});
	}

	@Test
	void anOverrideForAnUnknownCollectorFailsStartUpNamingTheCollectors() {
		this.twoCollectors.withPropertyValues("collector.collectors.qoutes.schedule.interval=1m").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnknownCollectorOverrideException.class)
				.hasMessageContaining("[qoutes]")
				.hasMessageContaining("[readings, quotes]");
			UnknownCollectorOverrideException ex = (UnknownCollectorOverrideException) rootCause(
					context.getStartupFailure());
			assertThat(new UnknownCollectorOverrideFailureAnalyzer().analyze(ex).getAction())
				.contains("[readings, quotes]");
		});
	}

	@Test
	void anOverrideForTheOnlyCollectorApplies() {
		new ApplicationContextRunner().withUserConfiguration(ScriptedCollectorApplication.class)
			.withPropertyValues("spring.datasource.generate-unique-name=true",
					"spring.sql.init.schema-locations=classpath:reading-schema.sql", "collector.name=solo",
					"collector.collectors.solo.sink.batch-size=3")
			.run((context) -> assertThat(context.getBean(CollectorProperties.class).getSink().getBatchSize())
				.isEqualTo(3));
	}

	@Test
	void anOverrideForAnotherNameFailsWithOneCollector() {
		new ApplicationContextRunner().withUserConfiguration(ScriptedCollectorApplication.class)
			.withPropertyValues("spring.datasource.generate-unique-name=true",
					"spring.sql.init.schema-locations=classpath:reading-schema.sql", "collector.name=solo",
					"collector.collectors.other.sink.batch-size=3")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnknownCollectorOverrideException.class)
				.hasMessageContaining("[solo]"));
	}

	@Test
	void anOverrideOfWhatAllCollectorsShareFailsStartUp() {
		this.twoCollectors.withPropertyValues("collector.collectors.quotes.security.api-token=per-collector-secret")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("collector.collectors.quotes.security.api-token")
				.hasMessageContaining("shared by all collectors")
				.hasMessageNotContaining("per-collector-secret"));
	}

	@Test
	void theDefaultCollectorIsConfigured() {
		this.twoCollectors.withPropertyValues("collector.default-collector=quotes")
			.run((context) -> assertThat(context.getBean(CollectorRegistry.class).defaultUnit())
				.map(CollectorUnit::name)
				.hasValue("quotes"));
	}

	@Test
	void anUnknownDefaultCollectorFailsStartUp() {
		this.twoCollectors.withPropertyValues("collector.default-collector=nope")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnknownCollectorOverrideException.class)
				.hasMessageContaining("collector.default-collector"));
	}

	@Test
	void aBeanOfTheApplicationReplacesOursForEveryCollector() {
		this.twoCollectors.withBean("sharedSink", RecordSink.class, InMemorySink::new).run((context) -> {
			CollectorRegistry registry = context.getBean(CollectorRegistry.class);
			RecordSink<?> shared = context.getBean("sharedSink", RecordSink.class);
			assertThat(registry.get("readings").get(RecordSink.class)).isSameAs(shared);
			assertThat(registry.get("quotes").get(RecordSink.class)).isSameAs(shared);
		});
	}

	@Test
	void aSpecificationReplacesABeanForOneCollector() {
		this.twoCollectors
			.withBean(CollectorSpecification.class,
					() -> new CollectorSpecification("quotes", QuotesSinkConfiguration.class))
			.run((context) -> {
				CollectorRegistry registry = context.getBean(CollectorRegistry.class);
				assertThat(registry.get("quotes").get(RecordSink.class)).isInstanceOf(InMemorySink.class);
				assertThat(registry.get("readings").get(RecordSink.class)).isNotInstanceOf(InMemorySink.class);
			});
	}

	@Test
	void closingTheApplicationClosesEveryCollectorsContext() {
		this.twoCollectors.run((context) -> {
			List<CollectorUnit> units = context.getBean(CollectorRegistry.class).units();
			context.close();
			assertThat(units).allSatisfy(
					(unit) -> assertThat(((ConfigurableApplicationContext) unit.context()).isActive()).isFalse());
		});
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	@org.springframework.boot.autoconfigure.EnableAutoConfiguration
	static class NoCollectorApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class QuotesSinkConfiguration {

		@Bean
		InMemorySink quotesSink() {
			return new InMemorySink();
		}

	}

}
