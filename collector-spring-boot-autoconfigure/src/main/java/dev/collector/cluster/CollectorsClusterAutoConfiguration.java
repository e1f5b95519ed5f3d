package dev.collector.cluster;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.collect.RunPermits;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RunMode;
import dev.collector.database.DatabaseAvailability;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

/**
 * With several collectors, the one db-scheduler of the application, in its own context:
 * db-scheduler's task names are global to its table, so one scheduler per collector would
 * pick executions of tasks it does not know. It is built once the collectors' contexts
 * exist, from their {@link ClusterCollection} and {@link ClusterTask} beans
 * ({@link SharedClusterTasks}), creates every collector's start-up instances, and hands
 * each execution to the collector that owns it. Collections are independent: each
 * collector stays single-flight cluster-wide (one instance each), and the scheduler has a
 * thread for each run that {@code collector.max-concurrent-runs} allows besides the
 * {@code collector.backfill.threads} for chunks, which the collectors take in turns.
 */
@AutoConfiguration(after = CollectorJdbcAutoConfiguration.class,
		afterName = "dev.collector.collectors.CollectorsAutoConfiguration")
@ConditionalOnClass({ Scheduler.class, JdbcTemplate.class })
@ConditionalOnCollector(Cardinality.SEVERAL)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorsClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SharedClusterTasks collectorSharedTasks(CollectorRegistry registry, CollectorProperties properties) {
		return new SharedClusterTasks(registry, properties.getBackfill().getThreads(),
				properties.getBackfill().getPollingInterval());
	}

	@Bean(name = CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME)
	@DependsOnDatabaseInitialization
	Scheduler collectorScheduler(DataSource dataSource, SharedClusterTasks tasks, CollectorRegistry registry,
			CollectorProperties properties, ObjectProvider<RunPermits> runPermits) {
		int collections = tasks.collections().size();
		int runs = Math.min(collections, runPermits.getIfAvailable(() -> RunPermits.UNBOUNDED).limit());
		// the chunks' threads plus one per run allowed in flight: a due collection finds
		// a thread even while every chunk thread is busy (chunks never take more than
		// theirs, see ChunkFairness)
		int threads = properties.getBackfill().getThreads() + Math.max(1, runs);
		return CollectorSchedulers
			.builder(dataSource, tasks.tasks(false), tasks.tasks(true), instanceId(registry), threads, properties)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterSchedulerLifecycle collectorSchedulerLifecycle(
			@Qualifier(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME) Scheduler scheduler,
			SharedClusterTasks tasks, Environment environment) {
		// read at run time, not in a condition: an AOT build serves and runs once alike
		return new ClusterSchedulerLifecycle(scheduler, tasks.collections(), RunMode.of(environment).isEmpty());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	RestartRecovery collectorRestartRecovery(DataSource dataSource, SharedClusterTasks tasks,
			CollectorRegistry registry, CollectorProperties properties,
			ObjectProvider<DatabaseAvailability> availability,
			@Qualifier(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME) ObjectProvider<Scheduler> scheduler) {
		RestartRecovery recovery = new RestartRecovery(dataSource, instanceId(registry), tasks.all(),
				properties.getBackfill().getHeartbeatInterval());
		// after an outage, what this replica could not end (of any collector) is taken
		// back at once
		CollectorSchedulers.recoverAfterOutages(recovery, availability, scheduler, tasks::wakeUp);
		return recovery;
	}

	private static String instanceId(CollectorRegistry registry) {
		// the id the collectors' contexts share (a random one when none is configured)
		return registry.units().get(0).get(CollectorIdentity.class).instanceId();
	}

}
