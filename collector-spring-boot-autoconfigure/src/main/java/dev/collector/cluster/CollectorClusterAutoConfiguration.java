package dev.collector.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.RunHistory;
import dev.collector.collect.RunPermits;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.database.DatabaseAvailability;
import dev.collector.config.RunMode;
import dev.collector.config.ScheduleProperties;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.jdbc.RequiredTables;

/**
 * Cluster-safe execution with db-scheduler on the application's database: the scheduled
 * and on-demand collection as one task instance (exactly one replica runs each run), and
 * the {@link ClusterTask} beans of other features (the backfill's chunks, the retention
 * purge), recovered by heartbeats when a replica dies. Replaces the in-JVM schedule of
 * {@link CollectorAutoConfiguration} whenever a {@link DataSource} and db-scheduler are
 * present; on H2 with one replica the same code runs. With several collectors each
 * collector's context keeps its collection and tasks, and one scheduler in the
 * application's context serves them all ({@link CollectorsClusterAutoConfiguration}).
 */
@AutoConfiguration(before = CollectorAutoConfiguration.class, after = CollectorJdbcAutoConfiguration.class)
@ConditionalOnClass({ Scheduler.class, JdbcTemplate.class })
@ConditionalOnCollector
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorClusterAutoConfiguration {

	/** Name of the collector's db-scheduler {@link Scheduler}. */
	public static final String SCHEDULER_BEAN_NAME = "collectorScheduler";

	// the backfill's tables too: they are one schema (db-scheduler's table and ours) and
	// keep the bean name that the schema check's users know
	@Bean
	@ConditionalOnMissingBean(name = "collectorClusterTables")
	RequiredTables collectorClusterTables() {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("collector_coverage", List.of("collector", "symbol", "period_start", "period_end", "status",
				"covered_from", "covered_until", "error", "attempts", "retry_at", "run_id", "updated_at"));
		tables.put("collector_backfill_task",
				List.of("task_id", "collector", "start_date", "end_date", "symbols", "force_all", "missing_periods",
						"estimated_records", "chunks_total", "cancelled", "final_status", "created_at", "finished_at"));
		tables.put("collector_backfill_chunk", List.of("task_id", "chunk_no", "symbol", "periods", "status", "attempts",
				"records", "error", "executed_by", "execution_id", "updated_at"));
		tables.put("scheduled_tasks",
				List.of("task_name", "task_instance", "task_data", "execution_time", "picked", "picked_by",
						"last_success", "last_failure", "consecutive_failures", "last_heartbeat", "version",
						"priority"));
		return () -> tables;
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	ClusterCollection clusterCollection(CollectorIdentity identity, CollectionRunner runner, RunHistory history,
			CollectorProperties properties, Clock clock, ObjectProvider<RunPermits> runPermits) {
		// read at each use: a refreshed interval applies from the next run
		ClusterCollection collection = new ClusterCollection(identity.name(), runner, history, () -> {
			ScheduleProperties schedule = properties.getSchedule();
			return new ScheduleInterval(schedule.isEnabled(), schedule.getInitialDelay(), schedule.getInterval());
		}, clock);
		// with several collectors, the application's bound on the runs in flight
		runPermits.ifAvailable(collection::setRunPermits);
		return collection;
	}

	/**
	 * The collector's own scheduler, its lifecycle and its restart recovery: unless the
	 * application declares several collectors, which share one scheduler
	 * ({@link CollectorsClusterAutoConfiguration}).
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnOwnSchedulerCondition.class)
	static class OwnSchedulerConfiguration {

		@Bean(name = SCHEDULER_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = SCHEDULER_BEAN_NAME)
		@DependsOnDatabaseInitialization
		Scheduler collectorScheduler(DataSource dataSource, CollectorIdentity identity, CollectorProperties properties,
				ClusterCollection collection, ObjectProvider<ClusterTask> clusterTasks) {
			// start tasks: created at start-up unless another replica created them
			// already
			List<CustomTask<?>> startTasks = new ArrayList<>();
			startTasks.add(collection.task());
			startTasks.addAll(tasks(clusterTasks, true));
			// as many threads as the collector runs chunks: a replica never picks an
			// execution it has no thread for, so every due chunk stays free for a
			// replica with a free thread; the collection has the higher priority and is
			// picked first as soon as a thread frees
			return CollectorSchedulers
				.builder(dataSource, tasks(clusterTasks, false), startTasks, identity.instanceId(),
						properties.getBackfill().getThreads(), properties)
				.build();
		}

		@Bean
		@ConditionalOnMissingBean
		ClusterSchedulerLifecycle collectorSchedulerLifecycle(@Qualifier(SCHEDULER_BEAN_NAME) Scheduler scheduler,
				ClusterCollection collection, Environment environment) {
			// read at run time, not in a condition: an AOT build serves and runs once
			// alike
			return new ClusterSchedulerLifecycle(scheduler, collection, RunMode.of(environment).isEmpty());
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		RestartRecovery collectorRestartRecovery(DataSource dataSource, CollectorIdentity identity,
				CollectorProperties properties, ClusterCollection collection, ObjectProvider<ClusterTask> clusterTasks,
				ObjectProvider<DatabaseAvailability> availability,
				@Qualifier(SCHEDULER_BEAN_NAME) ObjectProvider<Scheduler> scheduler) {
			List<Task<?>> tasks = new ArrayList<>(tasks(clusterTasks, false));
			tasks.add(collection.task());
			tasks.addAll(tasks(clusterTasks, true));
			RestartRecovery recovery = new RestartRecovery(dataSource, identity.instanceId(), tasks,
					properties.getBackfill().getHeartbeatInterval());
			// after an outage, what this replica could not end is taken back at once
			CollectorSchedulers.recoverAfterOutages(recovery, availability, scheduler, collection::wakeUp);
			return recovery;
		}

	}

	/**
	 * Whether db-scheduler can lock and fetch due executions in one statement on this
	 * database (PostgreSQL, MySQL 8; not MariaDB nor H2 in db-scheduler 16).
	 */
	static boolean supportsLockAndFetch(JdbcCustomization customization) {
		try {
			return customization.supportsSingleStatementLockAndFetch() || customization.supportsGenericLockAndFetch();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static List<CustomTask<?>> tasks(ObjectProvider<ClusterTask> clusterTasks, boolean createdAtStartup) {
		return clusterTasks.orderedStream()
			.filter((task) -> task.createdAtStartup() == createdAtStartup)
			.<CustomTask<?>>map(ClusterTask::task)
			.toList();
	}

}
