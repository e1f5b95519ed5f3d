package dev.collector.collect;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.collector.actuate.RunMetrics;
import dev.collector.actuate.CollectorHealthAutoConfiguration;
import dev.collector.actuate.CollectorHealthIndicator;
import dev.collector.actuate.CollectorRunMetricsAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.ScriptedCollectorConfiguration;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.jdbc.JdbcRecordSink;
import dev.collector.schema.RecordSchema;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class, CollectorAutoConfiguration.class,
				CollectorRunMetricsAutoConfiguration.class, CollectorHealthAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void registersNothingWithoutACollector() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CollectionRunner.class)
				.doesNotHaveBean(RecordSink.class)
				.doesNotHaveBean(LocalCollectionScheduler.class)
				.doesNotHaveBean(CheckpointStore.class)
				.doesNotHaveBean(RunMetrics.class)
				.doesNotHaveBean(CollectorHealthIndicator.class)
				.doesNotHaveBean(CollectorIdentity.class);
			assertThat(context.getBeanNamesForType(Clock.class)).isEmpty();
		});
	}

	@Test
	void registersTheCollectorMachineryForOneCollector() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CollectionRunner.class)
				.hasSingleBean(JdbcRecordSink.class)
				.hasSingleBean(LocalCollectionScheduler.class)
				.hasSingleBean(CheckpointStore.class)
				.hasSingleBean(RunHistory.class)
				.hasSingleBean(Quarantine.class)
				.hasSingleBean(RunMetrics.class)
				.hasSingleBean(IngestionTimestampProcessor.class)
				.hasBean("collectorHealthIndicator");
			assertThat(context.getBean(RecordSchema.class).table()).isEqualTo("reading");
			assertThat(context.getBean(LocalCollectionScheduler.class).getInterval()).hasMinutes(15);
		});
	}

	@Test
	void collectsEndToEndIntoTheEmbeddedDatabase() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute(Reading.DDL);
			context.getBean(ScriptedCollector.class)
				.returning(List.of(Reading.of("s1", Instant.parse("2026-01-01T00:00:00Z"), 1),
						Reading.of("s1", Instant.parse("2026-01-01T00:01:00Z"), 2), Reading.of("", Instant.now(), 3)));
			CollectionRunner runner = context.getBean(CollectionRunner.class);
			CollectionResult first = runner.run(Trigger.MANUAL);
			assertThat(first.error()).isNull();
			assertThat(first.counts()).isEqualTo(new RecordCounts(3, 2, 0, 1));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reading WHERE ingested_at IS NOT NULL", Long.class))
				.isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM collector_quarantine", Long.class)).isEqualTo(1);
			assertThat(jdbc
				.queryForObject("SELECT position_at FROM collector_checkpoint WHERE collector = ?",
						java.sql.Timestamp.class, "collector")
				.toInstant()).isEqualTo(first.request().to());
			CollectionResult second = runner.run(Trigger.MANUAL);
			assertThat(second.counts()).isEqualTo(new RecordCounts(3, 0, 2, 1));
			assertThat(second.request().from()).isEqualTo(first.request().to());
			assertThat(context.getBean(RunHistory.class).recent("collector", 5)).hasSize(2);
		});
	}

	@Test
	void scheduleCanBeSwitchedOff() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("collector.schedule.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(CollectionRunner.class)
				.doesNotHaveBean(LocalCollectionScheduler.class));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("management.health.collector.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CollectorHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheApplicationProvidesItsOwnSink() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withBean("customSink", InMemorySink.class, InMemorySink::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(JdbcRecordSink.class);
				assertThat(context.getBean(RecordSink.class)).isSameAs(context.getBean("customSink"));
			});
	}

	@Test
	void writesBatchesOnAWriterThreadByDefault() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withBean("customSink", ThreadRecordingSink.class, ThreadRecordingSink::new)
			.run((context) -> assertThat(writerThreadsOfOneRun(context)).containsOnly("collector-collector-writer"));
	}

	@Test
	void pipelinedWritesCanBeSwitchedOff() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withBean("customSink", ThreadRecordingSink.class, ThreadRecordingSink::new)
			.withPropertyValues("collector.sink.pipelined=false")
			.run((context) -> assertThat(writerThreadsOfOneRun(context))
				.containsOnly(Thread.currentThread().getName()));
	}

	private static List<String> writerThreadsOfOneRun(AssertableApplicationContext context) {
		context.getBean(ScriptedCollector.class)
			.returning(List.of(Reading.of("s1", Instant.parse("2026-01-01T00:00:00Z"), 1)));
		assertThat(context.getBean(CollectionRunner.class).run(Trigger.MANUAL).succeeded()).isTrue();
		ThreadRecordingSink sink = context.getBean(ThreadRecordingSink.class);
		assertThat(sink.stored).hasSize(1);
		return sink.threads;
	}

	@Test
	void backsOffWhenTheApplicationProvidesItsOwnSchemaAndClock() {
		Clock clock = Clock.fixed(Instant.parse("2026-05-05T00:00:00Z"), ZoneOffset.UTC);
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withBean(Clock.class, () -> clock)
			.withBean(CustomSchemaConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(RecordSchema.class).table()).isEqualTo("custom_readings");
				assertThat(context.getBean(Clock.class)).isSameAs(clock);
			});
	}

	@Test
	void bindsItsProperties() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("collector.name=weather", "collector.instance-id=pod-7",
					"collector.schedule.interval=2m", "collector.schedule.initial-delay=0s")
			.run((context) -> {
				assertThat(context.getBean(CollectorIdentity.class))
					.isEqualTo(new CollectorIdentity("weather", "pod-7"));
				assertThat(context.getBean(LocalCollectionScheduler.class).getInterval()).hasMinutes(2);
			});
	}

	@Test
	void nameDefaultsToTheApplicationName() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("spring.application.name=prices")
			.run((context) -> assertThat(context.getBean(CollectorIdentity.class).name()).isEqualTo("prices"));
	}

	@Test
	void negativeIntervalFailsStartUpNamingTheProperty() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("collector.schedule.interval=-5m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("schedule.interval")
				.hasMessageContaining("must be a positive duration"));
	}

	@Test
	void zeroBatchSizeFailsStartUpNamingTheProperty() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("collector.sink.batch-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sink.batchSize")
				.hasMessageContaining("must be at least 1"));
	}

	@Test
	void badMetricsPrefixFailsStartUp() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class)
			.withPropertyValues("collector.metrics.prefix=9-lives")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("metrics.prefix"));
	}

	@Test
	void recordTypeWithoutAnnotationFailsStartUpWithAClearMessage() {
		this.contextRunner.withBean(Collector.class, () -> new UnannotatedCollector())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("is not annotated with @CollectedRecord"));
	}

	@Test
	void processorsApplyOnlyToRecordTypesTheyAccept() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class, ProcessorConfiguration.class)
			.run((context) -> {
				context.getBean(JdbcTemplate.class).execute(Reading.DDL);
				context.getBean(ScriptedCollector.class)
					.returning(List.of(Reading.of("s1", Instant.parse("2026-01-01T00:00:00Z"), 1)));
				assertThat(context.getBean(CollectionRunner.class).run(Trigger.MANUAL).succeeded()).isTrue();
				assertThat(
						context.getBean(JdbcTemplate.class).queryForObject("SELECT celsius FROM reading", Double.class))
					.isEqualTo(42.0);
			});
	}

	@Test
	void leavesTheApplicationsOwnSchedulingAlone() {
		this.contextRunner.withUserConfiguration(ScriptedCollectorConfiguration.class, SchedulingConfiguration.class)
			.withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForType(TaskScheduler.class)).contains("taskScheduler",
						CollectorAutoConfiguration.TASK_SCHEDULER_BEAN_NAME);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSchemaConfiguration {

		@Bean
		RecordSchema<Reading> customSchema() {
			return new RecordSchema<>() {

				@Override
				public Class<Reading> recordType() {
					return Reading.class;
				}

				@Override
				public String table() {
					return "custom_readings";
				}

				@Override
				public List<String> columns() {
					return List.of("sensor");
				}

				@Override
				public List<String> keyColumns() {
					return List.of("sensor");
				}

				@Override
				public String timestampColumn() {
					return null;
				}

				@Override
				public String symbolColumn() {
					return null;
				}

				@Override
				public Object[] values(Reading record) {
					return new Object[] { record.sensor() };
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProcessorConfiguration {

		@Bean
		RecordProcessor<Reading> fortyTwo() {
			return (records, request) -> records.map((r) -> Reading.of(r.sensor(), r.takenAt(), 42));
		}

		@Bean
		RecordProcessor<String> notForReadings() {
			return (records, request) -> records.map((s) -> {
				throw new IllegalStateException("must not run on readings");
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

	}

	static class ThreadRecordingSink extends InMemorySink {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public synchronized WriteResult<Reading> write(List<Reading> batch) {
			this.threads.add(Thread.currentThread().getName());
			return super.write(batch);
		}

	}

	static class UnannotatedCollector implements Collector<String> {

		@Override
		public Stream<String> collect(CollectionRequest request) {
			return Stream.empty();
		}

	}

}
