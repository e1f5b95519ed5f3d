package dev.collector.actuate;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import dev.collector.database.DatabaseAvailability;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorDatabaseHealthAutoConfigurationTests {

	private final ApplicationContextRunner withAvailability = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CollectorDatabaseHealthAutoConfiguration.class,
				DataSourceHealthContributorAutoConfiguration.class))
		.withBean("dataSource", DataSource.class, CollectorDatabaseHealthAutoConfigurationTests::database)
		.withUserConfiguration(AvailabilityConfiguration.class);

	@Test
	void theDbHealthComponentReadsTheBackgroundCheck() {
		this.withAvailability.run((context) -> {
			assertThat(context).getBean("dbHealthContributor").isInstanceOf(DatabaseHealthIndicator.class);
			HealthIndicator db = context.getBean("dbHealthContributor", HealthIndicator.class);
			// started with the context: the first check has answered
			assertThat(db.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void otherDataSourcesKeepBootsIndicator() {
		this.withAvailability
			.withBean("reportingDataSource", DataSource.class, CollectorDatabaseHealthAutoConfigurationTests::database,
					(definition) -> definition.setPrimary(false))
			.run((context) -> {
				CompositeHealthContributor db = context.getBean("dbHealthContributor",
						CompositeHealthContributor.class);
				assertThat(db.getContributor("dataSource")).isInstanceOf(DatabaseHealthIndicator.class);
				assertThat(db.getContributor("reportingDataSource")).isInstanceOf(DataSourceHealthIndicator.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDeclaresItsOwnDbIndicator() {
		this.withAvailability.withBean("dbHealthIndicator", HealthIndicator.class, () -> () -> null)
			.run((context) -> assertThat(context).doesNotHaveBean("dbHealthContributor"));
	}

	@Test
	void offWithManagementHealthDbEnabledFalse() {
		this.withAvailability.withPropertyValues("management.health.db.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("dbHealthContributor"));
	}

	@Test
	void bootsIndicatorStaysWithoutTheBackgroundCheck() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CollectorDatabaseHealthAutoConfiguration.class,
					DataSourceHealthContributorAutoConfiguration.class))
			.withBean("dataSource", DataSource.class, CollectorDatabaseHealthAutoConfigurationTests::database)
			.run((context) -> assertThat(context.getBean("dbHealthContributor", HealthContributor.class))
				.isInstanceOf(DataSourceHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class AvailabilityConfiguration {

		@Bean
		DatabaseAvailability databaseAvailability(@Qualifier("dataSource") DataSource dataSource) {
			return new DatabaseAvailability(dataSource, Duration.ofSeconds(2), Duration.ofSeconds(1),
					Clock.systemUTC());
		}

	}

	private static DataSource database() {
		return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
	}

}
