package dev.collector.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectionPipeline;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.jdbc.JdbcRecordSink;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorSinkAutoConfigurationTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, ValidationAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
				CollectorSinkAutoConfiguration.class, CollectorAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.schedule.enabled=false",
				"collector.name=news")
		.withBean(ScriptedCollector.class, ScriptedCollector::new);

	@Test
	void addsNothingWithTheDefaultJdbcSink() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CompositeRecordSink.class);
			assertThat(context).hasSingleBean(JdbcRecordSink.class);
		});
	}

	@Test
	void fansOutToTheDatabaseAndAJsonLinesFile() {
		this.contextRunner
			.withPropertyValues("collector.sink.types=jdbc,jsonl", "collector.sink.file.directory=" + this.directory)
			.run((context) -> {
				CompositeRecordSink<?> sink = context.getBean(CompositeRecordSink.class);
				assertThat(sink.sinks()).hasSize(2);
				assertThat(sink.sinks().get(0)).isInstanceOf(JdbcRecordSink.class);
				assertThat(sink.sinks().get(1)).isInstanceOf(JsonLinesRecordSink.class);
				context.getBean(JdbcTemplate.class).execute(Reading.DDL);
				context.getBean(ScriptedCollector.class)
					.returning(List.of(Reading.of("s1", T0, 1), Reading.of("s2", T0, 2)));
				CollectionResult result = context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
				assertThat(result.error()).isNull();
				assertThat(result.counts().inserted()).isEqualTo(2);
				assertThat(
						context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM reading", Long.class))
					.isEqualTo(2);
				try (var files = Files.list(this.directory)) {
					Path file = files.findFirst().orElseThrow();
					assertThat(file.getFileName().toString()).startsWith("news-").endsWith(".jsonl");
					assertThat(Files.readAllLines(file)).hasSize(2);
				}
			});
	}

	@Test
	void aFailingFileSinkFailsTheRunAndTheCheckpointStays() throws Exception {
		Path notADirectory = Files.writeString(this.directory.resolve("taken"), "x");
		this.contextRunner
			.withPropertyValues("collector.sink.types=jdbc,csv", "collector.sink.file.directory=" + notADirectory)
			.run((context) -> {
				context.getBean(JdbcTemplate.class).execute(Reading.DDL);
				context.getBean(ScriptedCollector.class).returning(List.of(Reading.of("s1", T0, 1)));
				CollectionResult result = context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
				assertThat(result.error()).isNotNull();
				// still the origin the first run wrote before collecting
				assertThat(context.getBean(CheckpointStore.class).get("news")).contains(result.request().from());
			});
	}

	@Test
	void wrapsTheApplicationsOwnSinkAsTheJdbcEntry() {
		this.contextRunner.withBean("customSink", InMemorySink.class, InMemorySink::new)
			.withPropertyValues("collector.sink.types=jdbc,csv", "collector.sink.file.directory=" + this.directory)
			.run((context) -> {
				CompositeRecordSink<?> sink = context.getBean(CompositeRecordSink.class);
				assertThat(sink.sinks().get(0)).isSameAs(context.getBean("customSink"));
				assertThat(sink.sinks().get(1)).isInstanceOf(CsvRecordSink.class);
				assertThat(context.getBean(CollectionPipeline.class)).isNotNull();
			});
	}

	@Test
	void filesOnlyNeedNoRecordTable() {
		this.contextRunner
			.withPropertyValues("collector.sink.types=jsonl", "collector.sink.file.directory=" + this.directory)
			.run((context) -> {
				assertThat(context.getBean(CompositeRecordSink.class).sinks()).singleElement()
					.isInstanceOf(JsonLinesRecordSink.class);
				context.getBean(ScriptedCollector.class).returning(List.of(Reading.of("s1", T0, 1)));
				assertThat(context.getBean(CollectionRunner.class).run(Trigger.MANUAL).error()).isNull();
			});
	}

	@Test
	void anUnknownSinkTypeFailsAtStartUp() {
		this.contextRunner.withPropertyValues("collector.sink.types=jdbc,kafka")
			.run((context) -> assertThat(context).hasFailed());
	}

}
