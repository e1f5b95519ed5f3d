package dev.collector.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;
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
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.actuate.CollectorRunMetricsAutoConfiguration;
import dev.collector.backfill.CollectorBackfillAutoConfiguration;
import dev.collector.cluster.CollectorClusterAutoConfiguration;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollectorConfiguration;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.schema.RecordSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@ExtendWith(OutputCaptureExtension.class)
class CollectorRetentionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
				CollectorClusterAutoConfiguration.class, CollectorBackfillAutoConfiguration.class,
				CollectorAutoConfiguration.class, CollectorRunMetricsAutoConfiguration.class,
				CollectorRetentionAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.name=readings",
				"collector.schedule.enabled=false")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(ScriptedCollectorConfiguration.class);

	@Test
	void thePurgeIsATaskOfTheCollectorsSchedulerWithItsMeters() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(RetentionPurge.class)
				.hasSingleBean(RetentionTask.class)
				.hasSingleBean(RetentionMetrics.class);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForList("SELECT task_instance FROM scheduled_tasks WHERE task_name = 'collector-retention'",
						String.class))
				.containsExactly("readings");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String table : List.of("reading", "collector_run", "collector_quarantine", "collector_backfill_task",
					"collector_backfill_chunk")) {
				assertThat(registry.get("collector.retention.deleted")
					.tag("collector", "readings")
					.tag("table", table)
					.counter()
					.count()).isZero();
			}
		});
	}

	@Test
	void purgesOnItsIntervalOnOneReplicaAndCountsTheDeletedRows() {
		this.contextRunner
			.withPropertyValues("collector.retention.interval=300ms", "collector.retention.days=30",
					"collector.retention.batch-size=2", "collector.backfill.polling-interval=100ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute(Reading.DDL);
				Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
				for (int i = 0; i < 5; i++) {
					insert(jdbc, now.minus(Duration.ofDays(31 + i)));
				}
				insert(jdbc, now.minus(Duration.ofDays(29)));
				Counter deleted = () -> context.getBean(MeterRegistry.class)
					.get("collector.retention.deleted")
					.tag("table", "reading")
					.counter()
					.count();
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (deleted.count() < 5) {
					if (System.nanoTime() > deadline) {
						fail("no purge within 20s; deleted so far: " + deleted.count());
					}
					Thread.sleep(50);
				}
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class)).isOne();
				assertThat(deleted.count()).isEqualTo(5);
			});
	}

	@Test
	void aRecordTypeWithoutTimestampIsSkippedWithOneLogLine(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(NoTimestampConfiguration.class).run((context) -> {
			assertThat(context.getBean(RetentionPurge.class).tables()).doesNotContain("reading")
				.contains("collector_run");
			assertThat(output)
				.containsOnlyOnce("Retention leaves the records in reading alone: Reading has no timestamp column");
		});
	}

	@Test
	void withoutDbSchedulerThereIsNoPurge() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Scheduler.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RetentionTask.class));
	}

	@Test
	void backsOffWhenTheApplicationProvidesItsOwnPurge() {
		this.contextRunner.withUserConfiguration(OwnPurgeConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RetentionPurge.class)
				.getBean(RetentionPurge.class)
				.isSameAs(context.getBean(OwnPurgeConfiguration.class).purge));
	}

	@Test
	void impossibleSettingsStopTheStartNamingTheProperty() {
		assertRejected("collector.retention.days=-1", "retention.days");
		assertRejected("collector.retention.quarantine-days=-5", "retention.quarantineDays");
		assertRejected("collector.retention.batch-size=0", "retention.batchSize");
		assertRejected("collector.retention.interval=0s", "retention.interval");
	}

	private void assertRejected(String property, String field) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining(field));
	}

	private static void insert(JdbcTemplate jdbc, Instant takenAt) {
		jdbc.update("INSERT INTO reading (sensor, taken_at, celsius) VALUES ('s', ?, 20)",
				takenAt.atOffset(ZoneOffset.UTC));
	}

	@FunctionalInterface
	private interface Counter {

		double count();

	}

	@Configuration(proxyBeanMethods = false)
	static class NoTimestampConfiguration {

		@Bean
		RecordSchema<Reading> readingWithoutTimestamp() {
			RecordSchema<Reading> annotated = AnnotatedRecordSchema.of(Reading.class);
			return new RecordSchema<>() {

				@Override
				public Class<Reading> recordType() {
					return Reading.class;
				}

				@Override
				public String table() {
					return annotated.table();
				}

				@Override
				public List<String> columns() {
					return annotated.columns();
				}

				@Override
				public List<String> keyColumns() {
					return annotated.keyColumns();
				}

				@Override
				public String timestampColumn() {
					return null;
				}

				@Override
				public String symbolColumn() {
					return annotated.symbolColumn();
				}

				@Override
				public Object[] values(Reading record) {
					return annotated.values(record);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPurgeConfiguration {

		final RetentionPurge purge = new RetentionPurge("own", null, () -> "h2", new JdbcTemplate(), null,
				java.time.Clock.systemUTC(), (table, rows) -> {
				});

		@Bean
		RetentionPurge ownPurge() {
			return this.purge;
		}

	}

}
