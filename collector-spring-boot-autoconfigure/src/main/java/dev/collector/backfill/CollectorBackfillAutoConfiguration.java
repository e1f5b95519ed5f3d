package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.SingleCollector;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.cluster.ClusterCollection;
import dev.collector.cluster.CollectorClusterAutoConfiguration;
import dev.collector.cluster.SchedulerJdbcCustomization;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.BackfillProperties;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.schema.RecordSchema;

/**
 * Backfill ({@code collector.backfill.*}) on the collector's db-scheduler: the coverage
 * ledger that live runs and backfills record into, the planner, the tasks whose chunks
 * any replica may pick up (registered with the scheduler as a
 * {@link dev.collector.cluster.ClusterTask}), and, in a servlet web application, the
 * {@code /backfill} and {@code /coverage} endpoints. Present wherever the cluster-safe
 * schedule of {@link CollectorClusterAutoConfiguration} is; its meters are in
 * {@link CollectorBackfillMetricsAutoConfiguration}.
 */
@AutoConfiguration(after = CollectorClusterAutoConfiguration.class, before = CollectorAutoConfiguration.class)
@ConditionalOnClass({ Scheduler.class, JdbcTemplate.class })
@ConditionalOnCollector
@ConditionalOnBean({ DataSource.class, ClusterCollection.class })
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorBackfillAutoConfiguration {

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
	@ConditionalOnMissingBean
	BackfillPlanner backfillPlanner(CollectorIdentity identity, ListableBeanFactory beanFactory, CoverageLedger ledger,
			CollectorProperties properties, Clock clock, ObjectProvider<RetentionHorizon> retention) {
		// looked up at each use: the retention's horizon is defined after this
		RetentionHorizon horizon = () -> retention.getIfAvailable(() -> RetentionHorizon.NONE).horizon();
		return new BackfillPlanner(identity.name(), SingleCollector.of(beanFactory).symbols(), ledger,
				() -> backfillLimits(properties.getBackfill()), clock,
				() -> properties.getRateLimit().getRequestsPerMinute(), horizon);
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
				() -> chunkRetries(properties.getBackfill()), clock, () -> {
					ClusterCollection live = collection.getIfAvailable();
					return live != null && live.isWaitingForCollector();
				});
	}

	private static BackfillLimits backfillLimits(BackfillProperties backfill) {
		return new BackfillLimits(backfill.getBeginningDate(), backfill.getMaxRange(), backfill.getBatchSize(),
				backfill.getEstimatedRecordsPerPeriod());
	}

	private static ChunkRetryPolicy chunkRetries(BackfillProperties backfill) {
		return new ChunkRetryPolicy(backfill.getRetryInitialDelay(), backfill.getRetryMultiplier(),
				backfill.getMaxRetries(), backfill.getYieldDelay());
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
