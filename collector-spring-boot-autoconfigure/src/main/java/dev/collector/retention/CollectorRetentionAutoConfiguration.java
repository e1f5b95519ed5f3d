package dev.collector.retention;

import java.time.Clock;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.backfill.CollectorBackfillAutoConfiguration;
import dev.collector.backfill.CoverageLedger;
import dev.collector.backfill.RetentionHorizon;
import dev.collector.cluster.ClusterCollection;
import dev.collector.cluster.CollectorClusterAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RetentionProperties;
import dev.collector.config.SinkType;
import dev.collector.jdbc.DatabasePlatform;
import dev.collector.jdbc.JdbcRecordSink;
import dev.collector.retention.RetentionPurge.RecordTable;
import dev.collector.schema.RecordSchema;

/**
 * The retention purge ({@code collector.retention.*}) as a task of the collector's
 * db-scheduler, so that exactly one replica purges per interval, with its meters (see
 * {@link RetentionMetrics}). Present wherever the cluster-safe schedule is.
 */
@AutoConfiguration(after = { CollectorClusterAutoConfiguration.class, CollectorBackfillAutoConfiguration.class,
		MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass({ Scheduler.class, JdbcTemplate.class })
@ConditionalOnCollector
@ConditionalOnBean({ DataSource.class, ClusterCollection.class })
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorRetentionAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CollectorRetentionAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	RetentionPurge retentionPurge(CollectorIdentity identity, CollectorProperties properties,
			ObjectProvider<RecordSchema<?>> schema, ObjectProvider<JdbcRecordSink<?>> jdbcSink,
			DatabasePlatform platform, DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			ObjectProvider<PlatformTransactionManager> transactionManager, Clock clock,
			ObjectProvider<RetentionMetrics> metrics, CoverageLedger ledger) {
		boolean jdbcSinkWrites = jdbcSink.getIfAvailable() != null
				&& properties.getSink().getTypes().contains(SinkType.JDBC);
		RecordTable recordTable = recordTable(schema.getIfAvailable(), jdbcSinkWrites, properties);
		return new RetentionPurge(identity.name(), recordTable, platform::id,
				jdbcTemplate.getIfUnique(() -> new JdbcTemplate(dataSource)),
				new TransactionTemplate(
						transactionManager.getIfAvailable(() -> new DataSourceTransactionManager(dataSource))),
				clock, (table, rows) -> metrics.ifAvailable((meters) -> meters.deleted(table, rows)), ledger.periods());
	}

	@Bean
	@ConditionalOnMissingBean
	RetentionHorizon retentionHorizon(RetentionPurge purge, CollectorProperties properties) {
		return () -> purge.horizon(properties.getRetention().getDays());
	}

	@Bean
	@ConditionalOnMissingBean
	RetentionTask retentionTask(CollectorIdentity identity, RetentionPurge purge, CollectorProperties properties) {
		return new RetentionTask(identity.name(), purge, () -> policy(properties.getRetention()),
				() -> properties.getRetention().getInterval());
	}

	/**
	 * The retention policy of the current settings, with the defaults applied.
	 * @param retention {@code collector.retention.*}
	 * @return the policy
	 */
	static RetentionPolicy policy(RetentionProperties retention) {
		return new RetentionPolicy(retention.getDays(), retention.effectiveRunHistoryDays(),
				retention.effectiveQuarantineDays(), retention.effectiveBackfillTaskDays(), retention.getBatchSize());
	}

	/**
	 * The record table to purge, or {@code null} (said once, in the log) when records are
	 * not the JDBC sink's or have no timestamp.
	 */
	private static RecordTable recordTable(RecordSchema<?> schema, boolean jdbcSinkWrites,
			CollectorProperties properties) {
		if (schema == null) {
			return null;
		}
		boolean retained = properties.getRetention().getDays() > 0;
		if (!jdbcSinkWrites) {
			if (retained) {
				logger.info("Retention leaves the records of " + schema.recordType().getSimpleName()
						+ " alone: the JDBC sink does not write them (a RecordSink of the application's, or "
						+ "collector.sink.types without jdbc)");
			}
			return null;
		}
		if (schema.timestampColumn() == null) {
			if (retained) {
				logger.info("Retention leaves the records in " + schema.table() + " alone: "
						+ schema.recordType().getSimpleName()
						+ " has no timestamp column (@CollectedRecord(timestamp = ...) or RecordSchema.timestampColumn())");
			}
			return null;
		}
		return new RecordTable(schema.table(), schema.timestampColumn());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class RetentionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RetentionMetrics retentionMetrics(MeterRegistry registry, CollectorProperties properties,
				CollectorIdentity identity, RetentionPurge purge) {
			return new RetentionMetrics(registry, properties.getMetrics().getPrefix(), identity.name(), purge.tables());
		}

	}

}
