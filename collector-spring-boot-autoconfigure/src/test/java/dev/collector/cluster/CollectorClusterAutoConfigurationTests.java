package dev.collector.cluster;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.actuate.CollectorRunMetricsAutoConfiguration;
import dev.collector.backfill.BackfillMetrics;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.CollectorBackfillAutoConfiguration;
import dev.collector.backfill.CollectorBackfillMetricsAutoConfiguration;
import dev.collector.backfill.CoverageLedger;
import dev.collector.backfill.CoverageRecorder;
import dev.collector.backfill.LedgerPeriods;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.LocalCollectionScheduler;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.RecordSink;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.ScriptedCollectorConfiguration;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorClusterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
				CollectorClusterAutoConfiguration.class, CollectorBackfillAutoConfiguration.class,
				CollectorAutoConfiguration.class, CollectorRunMetricsAutoConfiguration.class,
				CollectorBackfillMetricsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void onH2DbSchedulerStartsWithoutItsWarningAboutMissingOverrides(CapturedOutput output) {
		String warning = "No database-specific jdbc-overrides applied";
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasBean(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME);
			assertThat(SchedulerJdbcCustomization.of(context.getBean(DataSource.class)))
				.isInstanceOf(DefaultJdbcCustomization.class);
			assertThat(output).doesNotContain(warning);
			// what the scheduler and the backfill client said before, each at every start
			new AutodetectJdbcCustomization(context.getBean(DataSource.class), true);
			assertThat(output).contains(warning);
		});
	}

	@Test
	void withADatabaseTheScheduleRunsOnDbSchedulerWithBackfill() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME)
				.hasSingleBean(ClusterCollection.class)
				.hasSingleBean(CoverageLedger.class)
				.hasSingleBean(CoverageRecorder.class)
				.hasSingleBean(BackfillService.class)
				.hasSingleBean(BackfillMetrics.class)
				.doesNotHaveBean(LocalCollectionScheduler.class);
			assertThat(context.getBean(CollectionLauncher.class)).isInstanceOf(ClusterCollection.class);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'collector-collection'",
						Long.class))
				.isEqualTo(1);
		});
	}

	@Test
	void withoutTheBackfillTheClusterScheduleRunsAlone() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
							JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
							CollectorClusterAutoConfiguration.class, CollectorAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true")
			.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasBean(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME)
					.hasSingleBean(ClusterCollection.class)
					.doesNotHaveBean(CoverageLedger.class)
					.doesNotHaveBean(BackfillService.class);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'collector-collection'",
							Long.class))
					.isEqualTo(1);
			});
	}

	@Test
	void withoutDbSchedulerTheInJvmScheduleStays() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withClassLoader(new FilteredClassLoader(Scheduler.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LocalCollectionScheduler.class)
				.doesNotHaveBean(ClusterCollection.class)
				.doesNotHaveBean(BackfillService.class));
	}

	@Test
	void withoutADatabaseTheInJvmScheduleStays() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, JacksonAutoConfiguration.class,
					CollectorClusterAutoConfiguration.class, CollectorAutoConfiguration.class))
			.withUserConfiguration(ScriptedCollectorConfiguration.class, NoDatabaseConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LocalCollectionScheduler.class)
				.doesNotHaveBean(ClusterCollection.class));
	}

	@Test
	void backsOffWhenTheApplicationProvidesItsOwnLedger() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class, OwnLedgerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(CoverageLedger.class)
				.getBean(CoverageLedger.class)
				.isSameAs(context.getBean(OwnLedgerConfiguration.class).ledger));
	}

	@Configuration(proxyBeanMethods = false)
	static class NoDatabaseConfiguration {

		@Bean
		RecordSink<?> inMemorySink() {
			return new InMemorySink();
		}

		@Bean
		InMemoryStores inMemoryStores() {
			return new InMemoryStores();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLedgerConfiguration {

		final CoverageLedger ledger = new CoverageLedger(new JdbcTemplate(),
				new LedgerPeriods(java.time.LocalDate.of(2020, 1, 1), java.time.Period.ofDays(1)),
				java.time.Clock.systemUTC());

		@Bean
		CoverageLedger ownLedger() {
			return this.ledger;
		}

	}

}
