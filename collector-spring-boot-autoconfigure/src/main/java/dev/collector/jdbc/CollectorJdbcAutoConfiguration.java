package dev.collector.jdbc;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.Quarantine;
import dev.collector.collect.RecordSink;
import dev.collector.collect.RunHistory;
import dev.collector.config.CollectorProperties;
import dev.collector.config.SinkType;
import dev.collector.schema.RecordSchema;

/**
 * The relational database side of a collector: the framework's tables (created per
 * {@code collector.jdbc.initialize-schema}), checkpoints, run history, quarantine, and
 * the default {@link RecordSink} writing to the record's own table.
 */
@AutoConfiguration(
		after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class },
		before = CollectorAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnCollector
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CollectorDataSourceScriptDatabaseInitializer collectorDataSourceScriptDatabaseInitializer(DataSource dataSource,
			CollectorProperties properties) {
		return new CollectorDataSourceScriptDatabaseInitializer(dataSource, properties.getJdbc());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabasePlatform collectorDatabasePlatform(DataSource dataSource, CollectorProperties properties) {
		return new DatabasePlatform(dataSource, properties.getJdbc().getPlatform());
	}

	@Bean
	@ConditionalOnMissingBean(RecordSink.class)
	@SuppressWarnings({ "rawtypes", "unchecked" })
	JdbcRecordSink<?> jdbcRecordSink(RecordSchema<?> schema, DatabasePlatform platform, DataSource dataSource,
			ObjectProvider<JdbcTemplate> jdbcTemplate, ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new JdbcRecordSink(schema, platform, template(jdbcTemplate, dataSource), new TransactionTemplate(
				transactionManager.getIfAvailable(() -> new DataSourceTransactionManager(dataSource))));
	}

	@Bean
	@ConditionalOnMissingBean
	CheckpointStore jdbcCheckpointStore(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			ObjectProvider<Clock> clock) {
		return new JdbcCheckpointStore(template(jdbcTemplate, dataSource), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	RunHistory jdbcRunHistory(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate) {
		return new JdbcRunHistory(template(jdbcTemplate, dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	Quarantine jdbcQuarantine(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			ObjectProvider<Clock> clock) {
		return new JdbcQuarantine(template(jdbcTemplate, dataSource), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorJdbcTables")
	RequiredTables collectorJdbcTables(ObjectProvider<CheckpointStore> checkpoints, ObjectProvider<RunHistory> history,
			ObjectProvider<Quarantine> quarantine) {
		return () -> {
			Map<String, List<String>> tables = new LinkedHashMap<>();
			if (checkpoints.getIfAvailable() instanceof JdbcCheckpointStore) {
				tables.put("collector_checkpoint", List.of("collector", "position_at", "run_id", "updated_at"));
			}
			if (history.getIfAvailable() instanceof JdbcRunHistory) {
				tables.put("collector_run",
						List.of("run_id", "collector", "instance_id", "trigger_type", "status", "window_from",
								"window_to", "started_at", "finished_at", "records_collected", "records_inserted",
								"records_duplicate", "records_invalid", "records_repeated", "parts_failed", "error"));
			}
			if (quarantine.getIfAvailable() instanceof JdbcQuarantine) {
				tables.put("collector_quarantine",
						List.of("id", "collector", "run_id", "reason", "payload", "created_at"));
			}
			return tables;
		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorRecordTable")
	RequiredTables collectorRecordTable(ObjectProvider<JdbcRecordSink<?>> jdbcSink,
			ObjectProvider<RecordSchema<?>> schema, CollectorProperties properties) {
		return new RequiredTables() {

			@Override
			public Map<String, List<String>> tables() {
				RecordSchema<?> records = schema.getIfAvailable();
				boolean written = jdbcSink.getIfAvailable() != null
						&& properties.getSink().getTypes().contains(SinkType.JDBC);
				return (written && records != null) ? Map.of(records.table(), records.columns()) : Map.of();
			}

			@Override
			public boolean framework() {
				return false;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	CollectorSchemaCheck collectorSchemaCheck(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			ObjectProvider<RequiredTables> required, DatabasePlatform platform, CollectorProperties properties) {
		return new CollectorSchemaCheck(template(jdbcTemplate, dataSource), required.orderedStream().toList(), platform,
				properties.getJdbc().getSchema());
	}

	private static JdbcTemplate template(ObjectProvider<JdbcTemplate> jdbcTemplate, DataSource dataSource) {
		return jdbcTemplate.getIfUnique(() -> new JdbcTemplate(dataSource));
	}

}
