package dev.collector.ops;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorRunTracesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CollectorRunTracesAutoConfiguration.class));

	@Test
	void withoutTracerThereIsNoRunTracesSection() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RunTraces.class));
	}

	@Test
	void withBootsNoopTracerThereIsNoRunTracesSection() {
		this.runner.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(context).doesNotHaveBean(RunTraces.class));
	}

}
