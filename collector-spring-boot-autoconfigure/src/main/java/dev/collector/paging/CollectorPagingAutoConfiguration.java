package dev.collector.paging;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

/**
 * Resuming paged sources ({@link Pages}) in retried backfill requests: the
 * {@link PageResumeStore} in the application's database and the observer that keeps it.
 * Without a {@code DataSource} a retry starts from the first page.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		CollectorJdbcAutoConfiguration.class })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnCollector
@ConditionalOnBean(DataSource.class)
public class CollectorPagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PageResumeStore collectorPageResumeStore(DataSource dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate,
			ObjectProvider<Clock> clock) {
		return new PageResumeStore(jdbcTemplate.getIfUnique(() -> new JdbcTemplate(dataSource)),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	PageResumeObserver collectorPageResumeObserver(PageResumeStore store, ObjectProvider<CollectorIdentity> identity,
			ObjectProvider<CollectorProperties> properties, Environment environment) {
		String name = identity
			.getIfAvailable(
					() -> CollectorIdentity.resolve(properties.getIfAvailable(CollectorProperties::new), environment))
			.name();
		return new PageResumeObserver(name, store);
	}

}
