package dev.collector.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorDefaultsEnvironmentPostProcessorTests {

	private final CollectorDefaultsEnvironmentPostProcessor postProcessor = new CollectorDefaultsEnvironmentPostProcessor();

	@Test
	void addsJsonLogsProbesAndEndpointsAtTheLowestPrecedence() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("app", Map.of("collector.name", "prices", "HOSTNAME", "pod-1")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((a, b) -> b).get().getName())
			.isEqualTo(CollectorDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environment.getProperty("logging.structured.json.add.collector")).isEqualTo("prices");
		assertThat(environment.getProperty("logging.structured.json.add.instance_id")).isEqualTo("pod-1");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).contains("db");
	}

	@Test
	void theApplicationsOwnValuesWin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("app", Map.of("logging.structured.format.console", "logstash")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void canBeSwitchedOff() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("app", Map.of("collector.defaults.enabled", "false")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources()
			.contains(CollectorDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
	}

}
