package dev.collector.runonce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CollectorRegistry;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code collector.run} in an application with two collectors: the application's runner
 * runs each collector's task, the exit code is the worst of theirs, and a backfill needs
 * one collector.
 */
class RunOnceCollectorsTests {

	private final ApplicationContextRunner twoCollectors = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsApplication.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"spring.main.web-application-type=none", "collector.run-once.exit=false");

	@Test
	void theRunnerIsTheApplicationsAndNoCollectorHasOneOfItsOwn() {
		this.twoCollectors.withPropertyValues("collector.run=collect").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RunOnceRunner.class);
			for (var unit : context.getBean(CollectorRegistry.class).units()) {
				assertThat(unit.context().getBeansOfType(RunOnceRunner.class)).isEmpty();
				assertThat(unit.context().getBeansOfType(RunOnceTask.class)).isNotEmpty();
			}
		});
	}

	@Test
	void withoutCollectorRunTheRunnerDoesNothing() {
		this.twoCollectors.run((context) -> {
			RunOnceRunner runner = context.getBean(RunOnceRunner.class);
			runner.run(new DefaultApplicationArguments());
			assertThat(runner.status()).isEmpty();
			assertThat(context.getBean(QuoteCollector.class).calls()).isZero();
		});
	}

	@Test
	void collectRunsEveryCollectorAndReportsEach() {
		this.twoCollectors.withPropertyValues("collector.run=collect").run((context) -> {
			context.getBean(ScriptedCollector.class).returning(ScriptedCollector.readings(Instant.now(), 3));
			Map<String, Object> summary = run(context);
			assertThat(summary).as("%s", summary)
				.containsEntry("collector_run", "collect")
				.containsEntry("status", "succeeded")
				.containsEntry("exit_code", 0);
			assertThat(collectors(summary)).extracting((entry) -> entry.get("name"))
				.containsExactly("readings", "quotes");
			assertThat(collectors(summary))
				.allSatisfy((entry) -> assertThat(entry).containsEntry("status", "succeeded").containsKey("run_id"));
			assertThat(collectors(summary).get(0)).containsEntry("records_inserted", 3);
			assertThat(count(context, "SELECT COUNT(*) FROM reading")).isEqualTo(3);
			assertThat(count(context, "SELECT COUNT(*) FROM quote"))
				.isEqualTo(((Number) collectors(summary).get(1).get("records_inserted")).longValue());
			assertThat(context.getBean(QuoteCollector.class).calls()).isOne();
		});
	}

	@Test
	void oneFailingCollectorFailsTheRunWithoutStoppingTheOther() {
		this.twoCollectors.withPropertyValues("collector.run=collect").run((context) -> {
			context.getBean(ScriptedCollector.class).returning(ScriptedCollector.readings(Instant.now(), 2));
			context.getBean(QuoteCollector.class).fail("quotes are down");
			Map<String, Object> summary = run(context);
			assertThat(summary).as("%s", summary).containsEntry("status", "failed").containsEntry("exit_code", 1);
			assertThat(collectors(summary).get(0)).containsEntry("name", "readings")
				.containsEntry("status", "succeeded");
			assertThat(collectors(summary).get(1)).containsEntry("name", "quotes").containsEntry("status", "failed");
			assertThat((String) collectors(summary).get(1).get("error")).contains("quotes are down");
			assertThat(count(context, "SELECT COUNT(*) FROM reading")).isEqualTo(2);
		});
	}

	@Test
	void collectorsPropertyPicksSome() {
		this.twoCollectors.withPropertyValues("collector.run=collect", "collector.run-once.collectors=quotes")
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(collectors(summary)).singleElement()
					.satisfies((entry) -> assertThat(entry).containsEntry("name", "quotes")
						.containsEntry("status", "succeeded"));
				assertThat(context.getBean(ScriptedCollector.class).requests()).isEmpty();
			});
	}

	@Test
	void anUnknownCollectorIsRefusedNamingTheCollectors() {
		this.twoCollectors.withPropertyValues("collector.run=check", "collector.run-once.collectors=quotes,qoutes")
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).containsEntry("status", "refused").containsEntry("exit_code", 3);
				assertThat((String) summary.get("error")).contains("qoutes", "readings, quotes");
				assertThat(context.getBean(QuoteCollector.class).calls()).isZero();
			});
	}

	@Test
	void checkChecksEachSource() {
		this.twoCollectors.withPropertyValues("collector.run=check").run((context) -> {
			context.getBean(ScriptedCollector.class).failing("unreachable");
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("exit_code", 1);
			assertThat(collectors(summary)).extracting((entry) -> entry.get("name") + "=" + entry.get("reachable"))
				.containsExactly("readings=false", "quotes=true");
		});
	}

	@Test
	void checkpointsArePrintedPerCollector() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		this.twoCollectors
			.withPropertyValues("collector.run=checkpoints", "collector.run-once.from=" + today.minusDays(3),
					"collector.run-once.to=" + today.minusDays(2))
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).containsEntry("status", "succeeded");
				assertThat(collectors(summary)).extracting((entry) -> entry.get("name"))
					.containsExactly("readings", "quotes");
				assertThat(collectors(summary).get(1).get("coverage").toString()).contains("symbol=AAA", "symbol=BBB",
						"missing=2");
			});
	}

	@Test
	void backfillWithoutACollectorIsRefusedNamingTheChoices() {
		this.twoCollectors.withPropertyValues("collector.run=backfill").run((context) -> {
			Map<String, Object> summary = run(context);
			assertThat(summary).containsEntry("status", "refused").containsEntry("exit_code", 3);
			assertThat((String) summary.get("error")).contains("readings, quotes", "collector.run-once.collectors");
			assertThat(count(context, "SELECT COUNT(*) FROM collector_backfill_task")).isZero();
		});
	}

	@Test
	void backfillFillsTheNamedCollector() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		this.twoCollectors
			.withPropertyValues("collector.run=backfill", "collector.run-once.collectors=quotes",
					"collector.run-once.from=" + today.minusDays(4), "collector.run-once.to=" + today.minusDays(2),
					"collector.backfill.polling-interval=1s")
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).as("%s", summary).containsEntry("status", "succeeded");
				assertThat(collectors(summary)).singleElement()
					.satisfies((entry) -> assertThat(entry).containsEntry("name", "quotes")
						.containsEntry("task_status", "succeeded")
						.containsEntry("missing_periods", 6));
				assertThat(count(context, "SELECT COUNT(*) FROM quote")).isEqualTo(6);
				assertThat(count(context, "SELECT COUNT(*) FROM reading")).isZero();
			});
	}

	@Test
	void backfillFillsTheDefaultCollector() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		this.twoCollectors
			.withPropertyValues("collector.run=backfill", "collector.default-collector=quotes",
					"collector.run-once.dry-run=true", "collector.run-once.from=" + today.minusDays(4),
					"collector.run-once.to=" + today.minusDays(2))
			.run((context) -> {
				Map<String, Object> summary = run(context);
				assertThat(summary).as("%s", summary).containsEntry("status", "succeeded");
				assertThat(collectors(summary)).singleElement()
					.satisfies((entry) -> assertThat(entry).containsEntry("name", "quotes")
						.containsEntry("dry_run", true));
			});
	}

	/** Run the application's runner and read its summary. */
	private static Map<String, Object> run(AssertableApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		RunOnceRunner runner = context.getBean(RunOnceRunner.class);
		runner.run(new DefaultApplicationArguments());
		// the line that is printed
		String line = RunOnceRunner.json(runner.summary().orElseThrow());
		assertThat(line).startsWith("{\"collector_run\"").doesNotContain("\n");
		Map<String, Object> summary = new ObjectMapper().readValue(line, new TypeReference<>() {
		});
		assertThat(summary.get("exit_code")).isEqualTo(runner.getExitCode());
		return summary;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> collectors(Map<String, Object> summary) {
		return (List<Map<String, Object>>) summary.get("collectors");
	}

	private static long count(AssertableApplicationContext context, String sql) {
		return context.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
	}

}
