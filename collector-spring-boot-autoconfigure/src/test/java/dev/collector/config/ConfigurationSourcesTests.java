package dev.collector.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every source of configuration through a real SpringApplication: the .env file (as
 * environment variables), the config tree of secrets, the command line, and the
 * performance profile's presets under explicit values.
 */
class ConfigurationSourcesTests {

	@TempDir
	Path directory;

	@Test
	void dotenvFileBindsLikeEnvironmentVariables() throws Exception {
		Path env = write(".env", """
				# tuned for the staging source
				export COLLECTOR_RATE_LIMIT_REQUESTS_PER_MINUTE=120
				COLLECTOR_CIRCUIT_BREAKER_OPEN_DURATION="30s"
				collector.retry.max-attempts=7
				""");
		try (ConfigurableApplicationContext context = run("--collector.config.env-file=" + env)) {
			CollectorProperties properties = bind(context);
			assertThat(properties.getRateLimit().getRequestsPerMinute()).isEqualTo(120);
			assertThat(properties.getCircuitBreaker().getOpenDuration()).hasSeconds(30);
			assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(7);
		}
	}

	@Test
	void commandLineWinsOverTheDotenvFile() throws Exception {
		Path env = write(".env", "COLLECTOR_RATE_LIMIT_REQUESTS_PER_MINUTE=120\n");
		try (ConfigurableApplicationContext context = run("--collector.config.env-file=" + env,
				"--collector.rate-limit.requests-per-minute=30")) {
			assertThat(bind(context).getRateLimit().getRequestsPerMinute()).isEqualTo(30);
		}
	}

	@Test
	void missingDotenvFileAndSecretsAreFine() {
		try (ConfigurableApplicationContext context = run(
				"--collector.config.env-file=" + this.directory.resolve("absent.env"),
				"--collector.config.secrets-dir=" + this.directory.resolve("absent") + "/")) {
			assertThat(bind(context).getRateLimit().getRequestsPerMinute()).isEqualTo(60);
		}
	}

	@Test
	void configTreeOfSecretsIsReadFileByFile() throws Exception {
		Path secrets = Files.createDirectories(this.directory.resolve("secrets"));
		Files.writeString(secrets.resolve("collector.security.api-token"), "s3cr3t\n");
		Files.writeString(secrets.resolve("collector.rate-limit.requests-per-minute"), "90");
		try (ConfigurableApplicationContext context = run("--collector.config.secrets-dir=" + secrets + "/")) {
			assertThat(context.getEnvironment().getProperty("collector.security.api-token")).isEqualTo("s3cr3t");
			assertThat(bind(context).getRateLimit().getRequestsPerMinute()).isEqualTo(90);
		}
	}

	@Test
	void profilePresetsApplyAndExplicitValuesWin() {
		try (ConfigurableApplicationContext context = run("--collector.profile=fast",
				"--collector.sink.batch-size=50")) {
			CollectorProperties properties = bind(context);
			assertThat(properties.getProfile()).isEqualTo(PerformanceProfile.FAST);
			assertThat(properties.getRateLimit().getRequestsPerMinute()).isEqualTo(1200);
			assertThat(properties.getRetry().getInitialDelay()).hasMillis(200);
			assertThat(properties.getSink().getBatchSize()).isEqualTo(50);
		}
	}

	@Test
	void profileCanBeChosenInTheDotenvFile() throws Exception {
		Path env = write(".env", "COLLECTOR_PROFILE=conservative\n");
		try (ConfigurableApplicationContext context = run("--collector.config.env-file=" + env)) {
			CollectorProperties properties = bind(context);
			assertThat(properties.getRateLimit().getRequestsPerMinute()).isEqualTo(300);
			assertThat(properties.getSink().getBatchSize()).isEqualTo(500);
		}
	}

	@Test
	void withoutProfileTheDefaultsHold() {
		try (ConfigurableApplicationContext context = run()) {
			CollectorProperties properties = bind(context);
			assertThat(properties.getRateLimit().getRequestsPerMinute()).isEqualTo(60);
			assertThat(properties.getSink().getBatchSize()).isEqualTo(1000);
		}
	}

	private ConfigurableApplicationContext run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		if (all.stream().noneMatch((arg) -> arg.startsWith("--collector.config.env-file"))) {
			all.add("--collector.config.env-file=" + this.directory.resolve("none.env"));
		}
		if (all.stream().noneMatch((arg) -> arg.startsWith("--collector.config.secrets-dir"))) {
			all.add("--collector.config.secrets-dir=" + this.directory.resolve("none") + "/");
		}
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
	}

	private static CollectorProperties bind(ConfigurableApplicationContext context) {
		return Binder.get(context.getEnvironment()).bindOrCreate("collector", CollectorProperties.class);
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.directory.resolve(name), content);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
