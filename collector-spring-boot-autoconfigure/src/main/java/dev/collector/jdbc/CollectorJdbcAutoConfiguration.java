package dev.collector.jdbc;

import java.time.Clock;

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
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.CheckpointStore;
import dev.collector.collect.Collector;
import dev.collector.collect.Quarantine;
import dev.collector.collect.RunHistory;
import dev.collector.config.CollectorProperties;
import dev.collector.schema.RecordSchema;
import dev.collector.sink.RecordSink;

/**
 * The relational database side of a collector: the framework's tables (created per
 * {@code collector.jdbc.initialize-schema}), checkpoints, run history, quarantine, and
 * the default {@link RecordSink} writing to the record's own table.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean({ Collector.class, DataSource.class })
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

	private static JdbcTemplate template(ObjectProvider<JdbcTemplate> jdbcTemplate, DataSource dataSource) {
		return jdbcTemplate.getIfUnique(() -> new JdbcTemplate(dataSource));
	}

}
