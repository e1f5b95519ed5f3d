package dev.collector.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.backfill.BackfillChunkTask;
import dev.collector.backfill.BackfillPlanner;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.CoverageLedger;
import dev.collector.backfill.CoverageRecorder;
import dev.collector.backfill.JdbcBackfillStore;
import dev.collector.backfill.LedgerPartRetries;
import dev.collector.backfill.LedgerPeriods;
import dev.collector.backfill.StoredRecordCounts;
import dev.collector.backfill.RetentionHorizon;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.RunHistory;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.BackfillProperties;
import dev.collector.config.CollectorProperties;
import dev.collector.database.DatabaseAvailability;
import dev.collector.config.RunMode;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.schema.RecordSchema;
import dev.collector.jdbc.RequiredTables;
import dev.collector.web.BackfillController;
import dev.collector.web.BackfillProblemHandler;
import dev.collector.web.BackfillStatusContributor;

/**
 * Cluster-safe execution with db-scheduler on the application's database: the scheduled
 * and on-demand collection as one task instance (exactly one replica runs each run), the
 * coverage ledger, and backfill tasks whose chunks any replica may pick up, recovered by
 * heartbeats when a replica dies. Replaces the in-JVM schedule of
 * {@link CollectorAutoConfiguration} whenever a {@link DataSource} and db-scheduler are
 * present; on H2 with one replica the same code runs.
 */
@AutoConfiguration(before = CollectorAutoConfiguration.class, after = CollectorJdbcAutoConfiguration.class)
@ConditionalOnClass({ Scheduler.class, JdbcTemplate.class })
@ConditionalOnBean({ Collector.class, DataSource.class })
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorClusterAutoConfiguration {

	/** Name of the collector's db-scheduler {@link Scheduler}. */
	public static final String SCHEDULER_BEAN_NAME = "collectorScheduler";

	@Bean
	@ConditionalOnMissingBean
	CoverageLedger coverageLedger(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			CollectorProperties properties, Clock clock) {
		BackfillProperties backfill = properties.getBackfill();
		// live runs retry a failed period with the backoff of the backfill's chunks
		return new CoverageLedger(template(jdbcTemplate, dataSource),
				new LedgerPeriods(backfill.getBeginningDate(), backfill.getPeriod()), clock,
				(attempt) -> Duration.ofMillis(Math.round(backfill.getRetryInitialDelay().toMillis()
						* Math.pow(backfill.getRetryMultiplier(), Math.min(attempt - 1, 30)))));
	}

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
				"records", "error", "executed_by", "updated_at"));
		tables.put("scheduled_tasks",
				List.of("task_name", "task_instance", "task_data", "execution_time", "picked", "picked_by",
						"last_success", "last_failure", "consecutive_failures", "last_heartbeat", "version",
						"priority"));
		return () -> tables;
	}

	@Bean
	@ConditionalOnMissingBean
	BackfillPlanner backfillPlanner(CollectorIdentity identity, ObjectProvider<Collector<?>> collector,
			CoverageLedger ledger, CollectorProperties properties, Clock clock,
			ObjectProvider<RetentionHorizon> retention) {
		// looked up at each use: the retention's horizon is defined after this
		RetentionHorizon horizon = () -> retention.getIfAvailable(() -> RetentionHorizon.NONE).horizon();
		return new BackfillPlanner(identity.name(), collector.getObject().symbols(), ledger, properties.getBackfill(),
				clock, () -> properties.getRateLimit().getRequestsPerMinute(), horizon);
	}

	@Bean
	@ConditionalOnMissingBean
	CoverageRecorder coverageRecorder(CollectorIdentity identity, CoverageLedger ledger, BackfillPlanner planner) {
		return new CoverageRecorder(identity.name(), ledger, planner.ledgerSymbols());
	}

	@Bean
	@ConditionalOnMissingBean
	LedgerPartRetries ledgerPartRetries(CollectorIdentity identity, CoverageLedger ledger, BackfillPlanner planner,
			CollectorProperties properties) {
		return new LedgerPartRetries(identity.name(), ledger, planner::firstDay,
				() -> properties.getBackfill().getMaxRetries());
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcBackfillStore jdbcBackfillStore(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			ObjectProvider<PlatformTransactionManager> transactionManager, Clock clock) {
		return new JdbcBackfillStore(template(jdbcTemplate, dataSource), new TransactionTemplate(
				transactionManager.getIfAvailable(() -> new DataSourceTransactionManager(dataSource))), clock);
	}

	@Bean
	@ConditionalOnMissingBean
	BackfillService backfillService(CollectorIdentity identity, BackfillPlanner planner, JdbcBackfillStore store,
			DataSource dataSource, ApplicationEventPublisher events, Clock clock, CollectorProperties properties,
			ObjectProvider<ClusterCollection> collection) {
		// a plain client: it only adds executions, which the scheduler of any replica
		// runs
		// timestamps in UTC like the scheduler's: MariaDB/MySQL columns hold no zone
		SchedulerClient client = SchedulerClient.Builder.create(dataSource)
			.jdbcCustomization(SchedulerJdbcCustomization.of(dataSource))
			.enablePriority()
			.build();
		return new BackfillService(identity.name(), planner, store, client, events, clock,
				() -> collection.ifAvailable(ClusterCollection::wakeUp), properties.getBackfill().stalledAfter());
	}

	@Bean
	@ConditionalOnMissingBean
	BackfillChunkTask backfillChunkTask(CollectorIdentity identity, CollectionRunner runner, CoverageLedger ledger,
			JdbcBackfillStore store, BackfillService service, CollectorProperties properties, Clock clock,
			ObjectProvider<ClusterCollection> collection) {
		return new BackfillChunkTask(identity.name(), identity.instanceId(), runner, ledger, store, service,
				properties.getBackfill(), clock, () -> {
					ClusterCollection live = collection.getIfAvailable();
					return live != null && live.isWaitingForCollector();
				});
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	ClusterCollection clusterCollection(CollectorIdentity identity, CollectionRunner runner, RunHistory history,
			CollectorProperties properties, Clock clock) {
		return new ClusterCollection(identity.name(), runner, history, properties::getSchedule, clock);
	}

	@Bean(name = SCHEDULER_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = SCHEDULER_BEAN_NAME)
	@DependsOnDatabaseInitialization
	Scheduler collectorScheduler(DataSource dataSource, CollectorIdentity identity, CollectorProperties properties,
			ClusterCollection collection, BackfillChunkTask chunks, ObjectProvider<ClusterTask> clusterTasks) {
		var backfill = properties.getBackfill();
		// start tasks: created at start-up unless another replica created them already
		List<CustomTask<?>> startTasks = new ArrayList<>();
		startTasks.add(collection.task());
		clusterTasks.orderedStream().map(ClusterTask::task).forEach(startTasks::add);
		JdbcCustomization jdbcCustomization = SchedulerJdbcCustomization.of(dataSource);
		SchedulerBuilder builder = Scheduler.create(dataSource, List.of(chunks.task()))
			.startTasks(startTasks)
			.schedulerName(new SchedulerName.Fixed(identity.instanceId()))
			// as many threads as the collector runs chunks: a replica never picks an
			// execution it has no thread for, so every due chunk stays free for a
			// replica with a free thread; the collection has the higher priority and is
			// picked first as soon as a thread frees
			.threads(backfill.getThreads())
			.pollingInterval(backfill.getPollingInterval())
			// a replica looks at once when it schedules (e.g. a chunk that gave way)
			.enableImmediateExecution()
			.heartbeatInterval(backfill.getHeartbeatInterval())
			.missedHeartbeatsLimit(backfill.getMissedHeartbeatsLimit())
			.shutdownMaxWait(properties.getShutdownTimeout())
			.enablePriority()
			.alwaysPersistTimestampInUTC()
			.jdbcCustomization(jdbcCustomization);
		if (supportsLockAndFetch(jdbcCustomization)) {
			// one statement locks and fetches at most the free threads' worth of due
			// executions (SELECT ... FOR UPDATE SKIP LOCKED); after each execution the
			// replica looks again at once while more were due
			builder.pollUsingLockAndFetch(0.5, 1.0);
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorSchedulerLifecycle collectorSchedulerLifecycle(
			@org.springframework.beans.factory.annotation.Qualifier(SCHEDULER_BEAN_NAME) Scheduler scheduler,
			ClusterCollection collection, Environment environment) {
		// read at run time, not in a condition: an AOT build serves and runs once alike
		return new CollectorSchedulerLifecycle(scheduler, collection, RunMode.of(environment).isEmpty());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	RestartRecovery collectorRestartRecovery(DataSource dataSource, CollectorIdentity identity,
			CollectorProperties properties, BackfillChunkTask chunks, ClusterCollection collection,
			ObjectProvider<ClusterTask> clusterTasks, ObjectProvider<DatabaseAvailability> availability,
			@org.springframework.beans.factory.annotation.Qualifier(SCHEDULER_BEAN_NAME) ObjectProvider<Scheduler> scheduler) {
		List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = new ArrayList<>();
		tasks.add(chunks.task());
		tasks.add(collection.task());
		clusterTasks.orderedStream().map(ClusterTask::task).forEach(tasks::add);
		RestartRecovery recovery = new RestartRecovery(dataSource, identity.instanceId(), tasks,
				properties.getBackfill().getHeartbeatInterval());
		// after an outage, what this replica could not end is taken back at once
		availability.ifAvailable((database) -> database.addListener((state) -> {
			Scheduler running = scheduler.getIfAvailable();
			if (state.available() && running != null) {
				recovery.recoverStranded((id) -> isRunning(running, id), collection::wakeUp);
			}
		}));
		return recovery;
	}

	private static boolean isRunning(Scheduler scheduler, TaskInstanceId id) {
		return scheduler.getCurrentlyExecuting()
			.stream()
			.map(CurrentlyExecuting::getTaskInstance)
			.anyMatch(
					(running) -> running.getTaskName().equals(id.getTaskName()) && running.getId().equals(id.getId()));
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

	private static JdbcTemplate template(ObjectProvider<JdbcTemplate> jdbcTemplate, DataSource dataSource) {
		return jdbcTemplate.getIfUnique(() -> new JdbcTemplate(dataSource));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	static class BackfillWebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BackfillController backfillController(BackfillService backfill, DataSource dataSource,
				ObjectProvider<JdbcTemplate> jdbcTemplate, RecordSchema<?> schema) {
			return new BackfillController(backfill, new StoredRecordCounts(template(jdbcTemplate, dataSource), schema));
		}

		@Bean
		@ConditionalOnMissingBean
		BackfillProblemHandler backfillProblemHandler() {
			return new BackfillProblemHandler();
		}

		@Bean
		@ConditionalOnMissingBean
		BackfillStatusContributor backfillStatusContributor(BackfillService backfill) {
			return new BackfillStatusContributor(backfill);
		}

	}

}
