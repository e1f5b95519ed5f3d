package dev.collector.collect;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens at SIGTERM (the application context closes) while a collection runs.
 */
class GracefulShutdownTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class, CollectorAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.schedule.initial-delay=1h")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ScriptedCollector.class, ScriptedCollector::new);

	@Test
	void runInProgressFinishesAndMovesItsCheckpointBeforeTheContextCloses() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute(Reading.DDL);
			ScriptedCollector collector = context.getBean(ScriptedCollector.class);
			collector.returning(List.of(Reading.of("s1", Instant.parse("2026-01-01T00:00:00Z"), 1))).holding();
			LocalCollectionScheduler scheduler = context.getBean(LocalCollectionScheduler.class);
			CollectionLauncher.Submission run = context.getBean(CollectionRunner.class).submit(Trigger.MANUAL, false);
			assertThat(collector.awaitEntered()).isTrue();

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			for (int i = 0; i < 100 && scheduler.isRunning(); i++) {
				Thread.sleep(20);
			}
			assertThat(scheduler.isRunning()).as("schedule stopped at close").isFalse();
			assertThat(closing).as("close waits for the run").isNotDone();

			collector.release();
			CollectionResult result = run.result().get(10, TimeUnit.SECONDS);
			closing.get(10, TimeUnit.SECONDS);
			assertThat(result.succeeded()).isTrue();
			assertThat(result.counts().inserted()).isEqualTo(1);
		});
	}

}
