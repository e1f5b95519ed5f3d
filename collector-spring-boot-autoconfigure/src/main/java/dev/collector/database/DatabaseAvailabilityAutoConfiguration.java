package dev.collector.database;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorProperties;
import dev.collector.config.HealthProperties;

/**
 * The background check of the collector's database ({@code collector.health.database.*}),
 * read by the {@code db} health component, {@code GET /health}, {@code GET /ready} and
 * the collector's endpoints that need the database.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, CollectorAutoConfiguration.class })
@ConditionalOnBean(Collector.class)
@ConditionalOnSingleCandidate(DataSource.class)
public class DatabaseAvailabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseAvailability collectorDatabaseAvailability(DataSource dataSource, CollectorProperties properties,
			Clock clock) {
		HealthProperties.Database database = properties.getHealth().getDatabase();
		return new DatabaseAvailability(dataSource, database.getInterval(), database.getTimeout(), clock);
	}

}
