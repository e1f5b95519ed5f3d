package dev.collector.config;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

// sets spring.aot.enabled: no other test may start an application meanwhile
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class RunOnceEnvironmentPostProcessorTests {

	private final RunOnceEnvironmentPostProcessor postProcessor = new RunOnceEnvironmentPostProcessor();

	@AfterEach
	void noAot() {
		System.clearProperty(AotDetector.AOT_ENABLED);
	}

	@Test
	void aServiceGetsNoDefaults() {
		StandardEnvironment environment = environment(Map.of());
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(RunOnceEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void aOneShotRunHasNoWebServerAndPutsItsMetricsAtTheEnd() {
		StandardEnvironment environment = environment(Map.of("collector.run", "Collect"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((a, b) -> b).get().getName())
			.isEqualTo(RunOnceEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("management.prometheus.metrics.export.pushgateway.shutdown-operation"))
			.isEqualTo("put");
	}

	@Test
	void theApplicationsOwnValuesWin() {
		StandardEnvironment environment = environment(
				Map.of("collector.run", "backfill", "spring.main.web-application-type", "servlet"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("servlet");
	}

	@Test
	void anAheadOfTimeBuildKeepsItsWebServerOnAFreePort() {
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		StandardEnvironment environment = environment(Map.of("collector.run", "check"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
		assertThat(environment.getProperty("server.port")).isEqualTo("0");
	}

	@Test
	void aValueThatNamesNoModeIsRefusedWithExitCodeThree() {
		StandardEnvironment environment = environment(Map.of("collector.run", "colect"));
		assertThatExceptionOfType(RunOnceRefusedException.class)
			.isThrownBy(() -> this.postProcessor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("collector.run=colect is not a mode")
			.withMessageContaining("collect, backfill, check, checkpoints")
			.satisfies((ex) -> {
				assertThat(ex.getExitCode()).isEqualTo(3);
				assertThat(ex.getMode()).isEqualTo("colect");
			});
	}

	@Test
	void modesAreReadLeniently() {
		assertThat(RunMode.parse(" CHECKPOINTS ")).contains(RunMode.CHECKPOINTS);
		assertThat(RunMode.parse("")).isEmpty();
		assertThat(RunMode.parse(null)).isEmpty();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("app", properties));
		return environment;
	}

}
