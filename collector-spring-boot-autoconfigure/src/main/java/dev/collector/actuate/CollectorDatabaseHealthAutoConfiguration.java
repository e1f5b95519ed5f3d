package dev.collector.actuate;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseAvailabilityAutoConfiguration;

/**
 * Takes the place of Spring Boot's {@code db} health component (the readiness group
 * includes it) with one that reads the collector's {@link DatabaseAvailability background
 * database check} instead of borrowing a connection on every probe, which waits up to the
 * pool's connection timeout (30 s by default) while the database is gone. Other
 * DataSources of the application keep Boot's indicator.
 * <p>
 * Backs off like Boot's when the application declares a bean named
 * {@code dbHealthIndicator} or {@code dbHealthContributor}; off with
 * {@code management.health.db.enabled=false}.
 */
@AutoConfiguration(before = DataSourceHealthContributorAutoConfiguration.class,
		after = DatabaseAvailabilityAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, DataSourceHealthIndicator.class })
@ConditionalOnBean(DatabaseAvailability.class)
@ConditionalOnEnabledHealthIndicator("db")
public class CollectorDatabaseHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
	HealthContributor dbHealthContributor(DatabaseAvailability availability, Map<String, DataSource> dataSources) {
		DatabaseHealthIndicator collectorDatabase = new DatabaseHealthIndicator(availability);
		if (dataSources.size() <= 1) {
			return collectorDatabase;
		}
		return CompositeHealthContributor.fromMap(dataSources, (dataSource) -> (dataSource == availability.dataSource())
				? collectorDatabase : new DataSourceHealthIndicator(dataSource));
	}

}
