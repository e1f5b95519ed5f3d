package dev.collector.helm;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.collector.helm.HelmChart.Manifests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tracing.*}: off by default; with an OTLP endpoint, the deployment and the
 * CronJob pass management.otlp.tracing.endpoint and
 * management.tracing.sampling.probability.
 */
class TracingChartTests {

	private static final String ENDPOINT = "http://otel-collector.monitoring:4318/v1/traces";

	@TempDir
	Path work;

	@Test
	void tracingIsOffByDefault() {
		Manifests manifests = HelmChart.render(null);
		assertThat(manifests.env("MANAGEMENT_OTLP_TRACING_ENDPOINT")).isNull();
		assertThat(manifests.env("MANAGEMENT_TRACING_SAMPLING_PROBABILITY")).isNull();
	}

	@Test
	void anEndpointTurnsTheExportOnWithTheSamplingProbability() {
		Manifests manifests = HelmChart.render(null, "tracing.otlpEndpoint", ENDPOINT, "tracing.samplingProbability",
				"0.25");
		assertThat(manifests.env("MANAGEMENT_OTLP_TRACING_ENDPOINT").path("value").asText()).isEqualTo(ENDPOINT);
		assertThat(manifests.env("MANAGEMENT_TRACING_SAMPLING_PROBABILITY").path("value").asText()).isEqualTo("0.25");
	}

	@Test
	void theDefaultSamplingProbabilityGoesWithTheEndpoint() {
		Manifests manifests = HelmChart.render(null, "tracing.otlpEndpoint", ENDPOINT);
		assertThat(manifests.env("MANAGEMENT_TRACING_SAMPLING_PROBABILITY").path("value").asText()).isEqualTo("0.1");
	}

	@Test
	void theCronJobExportsToo() {
		Manifests manifests = HelmChart.render(HelmChart.CHART.resolve("ci/cronjob-values.yaml"),
				"tracing.otlpEndpoint", ENDPOINT, "tracing.samplingProbability", "1");
		JsonNode env = manifests.one("CronJob").at("/spec/jobTemplate/spec/template/spec/containers/0/env");
		assertThat(env.findValuesAsText("name")).contains("MANAGEMENT_OTLP_TRACING_ENDPOINT",
				"MANAGEMENT_TRACING_SAMPLING_PROBABILITY");
		for (JsonNode variable : env) {
			if (variable.path("name").asText().equals("MANAGEMENT_TRACING_SAMPLING_PROBABILITY")) {
				assertThat(variable.path("value").asText()).isEqualTo("1");
			}
		}
	}

	@Test
	void theDashboardShowsExemplarsAndLinksSlowRunsToTheirTraces() throws Exception {
		JsonNode dashboard = new ObjectMapper().readTree(HelmChart.render(null)
			.named("ConfigMap", "news-collector-dashboard")
			.at("/data/collector.json")
			.asText());
		JsonNode tracing = null;
		for (JsonNode variable : dashboard.at("/templating/list")) {
			if (variable.path("name").asText().equals("tracing")) {
				tracing = variable;
			}
		}
		assertThat(tracing).isNotNull();
		assertThat(tracing.path("type").asText()).isEqualTo("datasource");
		assertThat(tracing.path("query").asText()).isEqualTo("tempo");
		JsonNode duration = null;
		for (JsonNode panel : dashboard.path("panels")) {
			if (panel.path("title").asText().equals("Collection duration")) {
				duration = panel;
			}
		}
		assertThat(duration).isNotNull();
		assertThat(duration.path("targets"))
			.allSatisfy((target) -> assertThat(target.path("exemplar").asBoolean()).isTrue());
		String link = duration.at("/fieldConfig/defaults/links/0/url").asText();
		assertThat(link).startsWith("/explore?").contains("${tracing}").contains("traceql").contains("${__value.raw}");
	}

	@Test
	void lintRefusesAProbabilityAboveOne() throws Exception {
		Path values = this.work.resolve("wrong-values.yaml");
		Files.writeString(values, "tracing:\n  otlpEndpoint: " + ENDPOINT + "\n  samplingProbability: 2\n");
		LintResult result = HelmChart.lint(values, this.work);
		assertThat(result.isFailed()).isTrue();
		assertThat(result.getMessages()).anyMatch((line) -> line.contains("samplingProbability"));
	}

}
