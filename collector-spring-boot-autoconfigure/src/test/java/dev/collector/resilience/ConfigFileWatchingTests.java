package dev.collector.resilience;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.collector.fixtures.ScriptedCollectorApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With collector.config.watch=true a changed config file is applied by itself, as when
 * Kubernetes updates a mounted ConfigMap.
 */
@SpringBootTest(classes = ScriptedCollectorApplication.class,
		args = "--spring.config.additional-location=optional:file:target/watch-config/watched.properties",
		properties = { "spring.datasource.url=jdbc:h2:mem:watch;DB_CLOSE_DELAY=-1", "collector.name=watched",
				"collector.schedule.enabled=false", "collector.config.watch=true",
				"collector.config.watch-interval=100ms" })
class ConfigFileWatchingTests {

	static final Path FILE = Path.of("target/watch-config/watched.properties");

	static {
		LiveConfigurationTests.write(FILE, "collector.rate-limit.requests-per-minute=60\n");
	}

	@Autowired
	CollectorResilience resilience;

	@Autowired
	ConfigFileWatcher watcher;

	@Test
	void changedFileIsAppliedWithoutAnyRequest() throws Exception {
		assertThat(this.watcher.isRunning()).isTrue();
		assertThat(this.resilience.rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod()).hasSeconds(1);
		LiveConfigurationTests.write(FILE, "collector.rate-limit.requests-per-minute=600\n");
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline && this.resilience.rateLimiter()
			.getRateLimiterConfig()
			.getLimitRefreshPeriod()
			.equals(Duration.ofSeconds(1))) {
			Thread.sleep(50);
		}
		assertThat(this.resilience.rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod())
			.isEqualTo(Duration.ofMillis(100));
	}

}
