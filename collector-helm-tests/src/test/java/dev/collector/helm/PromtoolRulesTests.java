package dev.collector.helm;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rendered alert rules through Prometheus' own promtool: they parse, and the main
 * expressions compute what the runbook says on synthetic series. Needs promtool on the
 * PATH (Debian: apt-get install prometheus); skipped without it, because Maven cannot
 * provide it.
 */
class PromtoolRulesTests {

	private static final String SERIES_LABELS = "job=\"news-collector\", namespace=\"data\", collector=\"news-collector\"";

	private static boolean promtool;

	@TempDir
	Path work;

	@BeforeAll
	static void findPromtool() {
		promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, "promtool")));
	}

	@Test
	void theRulesParse() throws Exception {
		Path rules = writeRules();
		String output = promtool("check", "rules", rules.toString());
		assertThat(output).contains("SUCCESS: 8 rules found");
	}

	@Test
	void theAlertExpressionsComputeWhatTheRunbookSays() throws Exception {
		Path rules = writeRules();
		String tests = """
				rule_files: [%s]
				evaluation_interval: 1m
				tests:
				  - interval: 1m
				    input_series:
				      - series: 'up{job="news-collector", namespace="data"}'
				        values: '0x120'
				      - series: 'collector_last_success_timestamp_seconds{%s}'
				        values: '0x120'
				      - series: 'collector_collection_requests_total{%s, status="error", trigger="scheduled"}'
				        values: '0+1x120'
				      - series: 'collector_collection_requests_total{%s, status="success", trigger="scheduled"}'
				        values: '0x120'
				    promql_expr_test:
				      - expr: %s
				        eval_time: 10m
				        exp_samples:
				          - labels: '{}'
				            value: 0
				      - expr: %s
				        eval_time: 30m
				        exp_samples:
				          - labels: '{collector="news-collector"}'
				            value: 1800
				      - expr: %s
				        eval_time: 90m
				        exp_samples:
				          - labels: '{collector="news-collector"}'
				            value: 1
				""".formatted(rules.getFileName(), SERIES_LABELS, SERIES_LABELS, SERIES_LABELS,
				quoted(expression("CollectorDown")), quoted(expression("CollectorNoSuccessfulCollection")),
				quoted(expression("CollectorErrorRateHigh")));
		Path file = this.work.resolve("rules-test.yaml");
		Files.writeString(file, tests);
		assertThat(promtool("test", "rules", file.toString())).contains("SUCCESS");
	}

	@Test
	void theStalledBackfillAlertFiresWhileATaskIsStalled() throws Exception {
		Path rules = writeRules();
		String tests = """
				rule_files: [%s]
				evaluation_interval: 1m
				tests:
				  - interval: 1m
				    input_series:
				      - series: 'collector_backfill_stalled_tasks{%s, pod="a"}'
				        values: '0x10 1x20 0x10'
				      - series: 'collector_backfill_stalled_tasks{%s, pod="b"}'
				        values: '0x10 1x20 0x10'
				    alert_rule_test:
				      - eval_time: 13m
				        alertname: CollectorBackfillStalled
				        exp_alerts: []
				      - eval_time: 20m
				        alertname: CollectorBackfillStalled
				        exp_alerts:
				          - exp_labels: {collector: news-collector, severity: warning, team: data}
				            exp_annotations:
				              summary: '1 backfill(s) of news-collector stalled.'
				              description: 'Chunks of a running backfill are picked, but none started or ended for collector.backfill.stalled-after-heartbeats heartbeat intervals.'
				              runbook: docs/deployment.md#collectorbackfillstalled
				      - eval_time: 40m
				        alertname: CollectorBackfillStalled
				        exp_alerts: []
				"""
			.formatted(rules.getFileName(), SERIES_LABELS, SERIES_LABELS);
		Path file = this.work.resolve("stalled-test.yaml");
		Files.writeString(file, tests);
		assertThat(promtool("test", "rules", file.toString())).contains("SUCCESS");
	}

	private Path writeRules() throws Exception {
		JsonNode rule = HelmChart.render(HelmChart.PRODUCTION_VALUES).one("PrometheusRule");
		Path rules = this.work.resolve("rules.yaml");
		HelmChart.YAML.writeValue(rules.toFile(), Map.of("groups", rule.at("/spec/groups")));
		return rules;
	}

	private static String expression(String alert) {
		for (JsonNode rule : HelmChart.render(HelmChart.PRODUCTION_VALUES)
			.one("PrometheusRule")
			.at("/spec/groups/0/rules")) {
			if (alert.equals(rule.path("alert").asText())) {
				return rule.path("expr").asText();
			}
		}
		throw new AssertionError("No alert " + alert);
	}

	private static String quoted(String expression) {
		return "'" + expression.replace("\n", " ").replace("'", "''") + "'";
	}

	private String promtool(String... arguments) throws Exception {
		// CI (.ci/run) installs promtool; only a developer's machine may lack it
		if (System.getenv("CI") != null) {
			assertThat(promtool).as("promtool on the PATH (.ci/run installs Debian's prometheus package)").isTrue();
		}
		assumeTrue(promtool, "promtool is not on the PATH (apt-get install prometheus)");
		String[] command = new String[arguments.length + 1];
		command[0] = "promtool";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process process = new ProcessBuilder(command).directory(this.work.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
		return output;
	}

}
