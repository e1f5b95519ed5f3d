package dev.collector.runonce;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.CollectorBackfillAutoConfiguration;
import dev.collector.cluster.CollectorClusterAutoConfiguration;
import dev.collector.cluster.ClusterSchedulerLifecycle;
import dev.collector.collect.LocalCollectionScheduler;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.ScriptedCollectorConfiguration;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.sourcecheck.SourceCheckAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class RunOnceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
				JacksonAutoConfiguration.class, SqlInitializationAutoConfiguration.class,
				CollectorJdbcAutoConfiguration.class, CollectorClusterAutoConfiguration.class,
				CollectorBackfillAutoConfiguration.class, CollectorAutoConfiguration.class,
				SourceCheckAutoConfiguration.class, RunOnceAutoConfiguration.class))
		.withUserConfiguration(ScriptedCollectorConfiguration.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.run-once.exit=false",
				"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:reading-schema.sql")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void withoutCollectorRunTheServiceRunsAndTheRunnerDoesNothing() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RunOnceRunner.class);
			assertThat(context.getBean(ClusterSchedulerLifecycle.class).isRunning()).isTrue();
			RunOnceRunner runner = context.getBean(RunOnceRunner.class);
			runner.run(new DefaultApplicationArguments());
			assertThat(runner.status()).isEmpty();
		});
	}

	@Test
	void collectRunsOneCollectionThroughTheClusterAndStartsTheSchedulerOnlyAfterTheOrder() {
		this.contextRunner.withPropertyValues("collector.run=collect").run((context) -> {
			ClusterSchedulerLifecycle scheduler = context.getBean(ClusterSchedulerLifecycle.class);
			assertThat(scheduler.isAutoStartup()).isFalse();
			assertThat(scheduler.isRunning()).isFalse();
			context.getBean(ScriptedCollector.class).returning(ScriptedCollector.readings(Instant.now(), 3));
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("collector_run", "collect")
				.containsEntry("status", "succeeded")
				.containsEntry("exit_code", 0);
			assertThat(collector(summary)).containsEntry("records_inserted", 3).containsEntry("dry_run", false);
			assertThat(scheduler.isRunning()).isTrue();
			assertThat(count(context, "SELECT COUNT(*) FROM reading")).isEqualTo(3);
			assertThat(count(context, "SELECT COUNT(*) FROM collector_checkpoint")).isOne();
		});
	}

	@Test
	void aDryRunWritesNothing() {
		this.contextRunner.withPropertyValues("collector.run=collect", "collector.run-once.dry-run=true")
			.run((context) -> {
				context.getBean(ScriptedCollector.class).returning(ScriptedCollector.readings(Instant.now(), 3));
				Map<String, Object> summary = run(context);
				assertThat(collector(summary)).containsEntry("dry_run", true).containsEntry("records_collected", 3);
				assertThat(count(context, "SELECT COUNT(*) FROM reading")).isZero();
			});
	}

	@Test
	void aFailedCollectionExitsOne() {
		this.contextRunner.withPropertyValues("collector.run=collect").run((context) -> {
			context.getBean(ScriptedCollector.class).failing("source down");
			Instant started = Instant.now();
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("status", "failed").containsEntry("exit_code", 1);
			assertThat((String) collector(summary).get("error")).contains("source down");
			// only the collector's origin (the failed window's start) is kept, so that
			// the
			// next run fetches that window again: the checkpoint did not move over it
			List<Instant> checkpoints = context.getBean(JdbcTemplate.class)
				.queryForList("SELECT position_at FROM collector_checkpoint", java.sql.Timestamp.class)
				.stream()
				.map(java.sql.Timestamp::toInstant)
				.toList();
			assertThat(checkpoints).allSatisfy((position) -> assertThat(position).isBefore(started));
		});
	}

	@Test
	void aCollectionInProgressInTheClusterRefusesTheRunWithExitCodeThree() {
		this.contextRunner.withPropertyValues("collector.run=collect").run((context) -> {
			// another replica holds the collection's execution
			java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
			context.getBean(JdbcTemplate.class)
				.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
						+ " last_heartbeat, version, priority) VALUES ('collector-collection', 'collector', ?, TRUE,"
						+ " 'replica-2', ?, 1, 90)", now, now);
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("status", "refused").containsEntry("exit_code", 3);
			assertThat((String) summary.get("error")).contains("in progress");
			assertThat(context.getBean(ScriptedCollector.class).requests()).isEmpty();
			assertThat(context.getBean(ClusterSchedulerLifecycle.class).isRunning()).isFalse();
		});
	}

	@Test
	void backfillWithBadDatesIsRefusedAndStoresNothing() {
		this.contextRunner
			.withPropertyValues("collector.run=backfill", "collector.run-once.from=2024-02-10",
					"collector.run-once.to=2024-02-01")
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).containsEntry("status", "refused").containsEntry("exit_code", 3);
				assertThat((String) summary.get("error")).contains("after");
				assertThat(count(context, "SELECT COUNT(*) FROM collector_backfill_task")).isZero();
			});
	}

	@Test
	void backfillExecutesTheChunksAndWaitsForTheTask() {
		this.contextRunner
			.withPropertyValues("collector.run=backfill", "collector.run-once.from=2024-02-01",
					"collector.run-once.to=2024-02-03", "collector.run-once.symbols=s1",
					"collector.backfill.polling-interval=1s")
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).as("%s", summary).containsEntry("status", "succeeded");
				assertThat(collector(summary)).containsEntry("task_status", "succeeded")
					.containsEntry("missing_periods", 3)
					.containsEntry("chunks_done", 1);
				assertThat(count(context, "SELECT COUNT(*) FROM collector_coverage WHERE status = 'covered'"))
					.isEqualTo(3);
			});
	}

	@Test
	void checkpointsPrintTheCheckpointAndTheCoverage() {
		this.contextRunner
			.withPropertyValues("collector.run=checkpoints", "collector.run-once.from=2024-02-01",
					"collector.run-once.to=2024-02-03")
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).containsEntry("status", "succeeded");
				Map<String, Object> collector = collector(summary);
				assertThat(collector).containsEntry("checkpoint", null);
				assertThat(collector.get("coverage").toString()).contains("symbol=s1", "missing=3", "symbol=s2");
				assertThat(context.getBean(ClusterSchedulerLifecycle.class).isRunning()).isFalse();
			});
	}

	@Test
	void checkRunsTheSourceCheck() {
		this.contextRunner.withPropertyValues("collector.run=check").run((context) -> {
			assertThat(collector(run(context))).containsEntry("reachable", true);
			context.getBean(ScriptedCollector.class).failing("unreachable");
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("exit_code", 1);
			assertThat(collector(summary)).containsEntry("reachable", false);
			assertThat((String) collector(summary).get("error")).contains("unreachable");
		});
	}

	@Test
	void withoutDbSchedulerCollectRunsInThisJvmWithoutTheScheduleAndBackfillIsRefused() {
		ApplicationContextRunner local = this.contextRunner.withClassLoader(new FilteredClassLoader(Scheduler.class));
		local.withPropertyValues("collector.run=collect").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ClusterSchedulerLifecycle.class);
			assertThat(context.getBean(LocalCollectionScheduler.class).isRunning()).isFalse();
			context.getBean(ScriptedCollector.class).returning(ScriptedCollector.readings(Instant.now(), 2));
			assertThat(collector(run(context))).containsEntry("records_inserted", 2);
		});
		local.withPropertyValues("collector.run=backfill").run((context) -> {
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("exit_code", 3);
			assertThat((String) summary.get("error")).contains("db-scheduler");
		});
		local.run((context) -> assertThat(context.getBean(LocalCollectionScheduler.class).isRunning()).isTrue());
	}

	@Test
	void backsOffWhenTheApplicationProvidesItsOwnRunner() {
		RunOnceRunner own = new RunOnceRunner(java.util.Optional.empty(), java.util.List.of(), false, System.out);
		this.contextRunner.withBean(RunOnceRunner.class, () -> own)
			.run((context) -> assertThat(context).getBean(RunOnceRunner.class).isSameAs(own));
	}

	/** Run the context's runner and read the summary line it printed. */
	private static Map<String, Object> run(AssertableApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// the context's runner, with its summary caught instead of printed
		RunOnceRunner capturing = new RunOnceRunner(
				java.util.Optional.of(dev.collector.config.RunMode.of(context.getEnvironment()).orElseThrow()),
				context.getBeanProvider(RunOnceTask.class).orderedStream().toList(), false,
				new PrintStream(out, true, StandardCharsets.UTF_8));
		capturing.run(new DefaultApplicationArguments());
		String line = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(line).startsWith("{\"collector_run\"").doesNotContain("\n");
		Map<String, Object> summary = new com.fasterxml.jackson.databind.ObjectMapper().readValue(line,
				new com.fasterxml.jackson.core.type.TypeReference<>() {
				});
		assertThat(summary.get("exit_code")).isEqualTo(capturing.getExitCode());
		return summary;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> collector(Map<String, Object> summary) {
		java.util.List<Map<String, Object>> collectors = (java.util.List<Map<String, Object>>) summary
			.get("collectors");
		assertThat(collectors).hasSize(1);
		return collectors.get(0);
	}

	private static long count(AssertableApplicationContext context, String sql) {
		return context.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
	}

}
