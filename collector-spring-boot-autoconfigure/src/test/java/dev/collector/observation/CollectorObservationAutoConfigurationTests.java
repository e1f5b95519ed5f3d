package dev.collector.observation;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CollectorObservationAutoConfiguration.class))
		.withUserConfiguration(ObservedBean.class);

	@Test
	void observedBeansGetTheRegistry() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			CollectorObservations observations = context.getBean(Observed.class).observations;
			assertThat(observations.registry()).isSameAs(context.getBean(ObservationRegistry.class));
		});
	}

	@Test
	void observedBeansGetBootsRegistry() {
		this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(Observed.class).observations.registry())
				.isSameAs(context.getBean(ObservationRegistry.class)));
	}

	@Test
	void bootsPropertyTurnsTheObservationsOff() {
		this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues("management.observations.enable.collector=false")
			.run((context) -> {
				CollectorObservations observations = context.getBean(Observed.class).observations;
				assertThat(observations.run(new CollectionRunContext("c", "manual", "r", false)).isNoop()).isTrue();
				assertThat(observations.sinkWrite(new SinkWriteContext("c", "r", 1), null).isNoop()).isTrue();
			});
	}

	@Test
	void withoutRegistryNothingIsObserved() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(CollectorObservationAutoConfiguration.class);
			assertThat(context.getBean(Observed.class).observations).isSameAs(CollectorObservations.NOOP);
		});
	}

	@Test
	void conventionBeansReplaceTheDefaults() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(SinkWriteObservationConvention.class, () -> new DefaultSinkWriteObservationConvention() {
				@Override
				public String getName() {
					return "my.write";
				}
			})
			.run((context) -> {
				CollectorObservations observations = context.getBean(Observed.class).observations;
				observations.sinkWrite(new SinkWriteContext("c", "r", 1), null).start().stop();
				observations.run(new CollectionRunContext("c", "manual", "r", false)).start().stop();
				TestObservationRegistryAssert.assertThat((TestObservationRegistry) observations.registry())
					.hasNumberOfObservationsWithNameEqualTo("my.write", 1)
					.hasNumberOfObservationsWithNameEqualTo("collector.run", 1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservedBean {

		@Bean
		Observed observed() {
			return new Observed();
		}

	}

	static class Observed implements CollectorObservationsAware {

		CollectorObservations observations = CollectorObservations.NOOP;

		@Override
		public void setObservations(CollectorObservations observations) {
			this.observations = observations;
		}

	}

}
