package dev.collector.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.collector.helm.HelmChart.Manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code mode: cronjob} of helm/collector, with ci/cronjob-values.yaml: a CronJob whose
 * pods run {@code collector.run} once, instead of the Deployment and what serves it.
 */
class CronJobChartTests {

	private static final Path CRONJOB_VALUES = HelmChart.CHART.resolve("ci/cronjob-values.yaml");

	private static final String FULLNAME = "news-collector";

	@TempDir
	Path work;

	@Test
	void lintPassesStrictlyWithTheCronJobValues() {
		LintResult result = HelmChart.lint(CRONJOB_VALUES, this.work);
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((line) -> line.contains("[ERROR]") || line.contains("[WARNING]"));
	}

	@Test
	void aCronJobReplacesTheDeploymentAndNothingServesTraffic() {
		Manifests manifests = HelmChart.render(CRONJOB_VALUES);
		assertThat(manifests.kinds()).containsExactly("ConfigMap", "ConfigMap", "CronJob", "PrometheusRule", "Secret",
				"ServiceAccount");
		JsonNode cronJob = manifests.one("CronJob");
		assertThat(cronJob.at("/metadata/name").asText()).isEqualTo(FULLNAME);
		assertThat(cronJob.at("/spec/schedule").asText()).isEqualTo("*/15 * * * *");
		assertThat(cronJob.at("/spec/timeZone").asText()).isEqualTo("Europe/Berlin");
		assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
		assertThat(cronJob.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
		assertThat(cronJob.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(3);
		assertThat(cronJob.at("/spec/startingDeadlineSeconds").asInt()).isEqualTo(300);
		JsonNode job = cronJob.at("/spec/jobTemplate/spec");
		assertThat(job.at("/backoffLimit").asInt()).isEqualTo(1);
		assertThat(job.at("/activeDeadlineSeconds").asInt()).isEqualTo(900);
		assertThat(job.at("/ttlSecondsAfterFinished").asInt()).isEqualTo(86400);
		assertThat(job.at("/template/spec/restartPolicy").asText()).isEqualTo("Never");
	}

	@Test
	void aRefusedRunIsNotRetried() {
		JsonNode rule = HelmChart.render(CRONJOB_VALUES)
			.one("CronJob")
			.at("/spec/jobTemplate/spec/podFailurePolicy/rules/0");
		assertThat(rule.at("/action").asText()).isEqualTo("FailJob");
		assertThat(rule.at("/onExitCodes/containerName").asText()).isEqualTo("collector");
		assertThat(rule.at("/onExitCodes/operator").asText()).isEqualTo("In");
		assertThat(rule.at("/onExitCodes/values").toString()).isEqualTo("[3]");
	}

	@Test
	void thePodRunsOnceWithTheSameConfigurationSecretsAndDatabaseAsTheService() {
		Manifests manifests = HelmChart.render(CRONJOB_VALUES, "cronjob.args[0]", "--collector.run-once.dry-run=true");
		JsonNode pod = manifests.one("CronJob").at("/spec/jobTemplate/spec/template/spec");
		JsonNode container = pod.at("/containers/0");
		assertThat(container.at("/args").toString())
			.isEqualTo("[\"--collector.run=collect\",\"--collector.run-once.dry-run=true\"]");
		Map<String, JsonNode> env = env(container);
		assertThat(env.get("SPRING_DATASOURCE_URL").at("/value").asText())
			.isEqualTo("jdbc:postgresql://postgres.data.svc:5432/news");
		assertThat(env.get("SPRING_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
			.isEqualTo("news-collector-db");
		assertThat(env.get("SPRING_CONFIG_ADDITIONAL_LOCATION").at("/value").asText())
			.isEqualTo("optional:file:/etc/collector/config/");
		assertThat(pod.at("/volumes").findValuesAsText("name")).contains("config", "tmp");
		assertThat(pod.at("/volumes/1/configMap/name").asText()).isEqualTo(FULLNAME);
		// no port, no probes: the run has no web server
		assertThat(container.has("ports")).isFalse();
		assertThat(container.has("livenessProbe")).isFalse();
		assertThat(container.has("readinessProbe")).isFalse();
		assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(manifests.named("ConfigMap", FULLNAME).at("/data/application.yaml").asText())
			.contains("batch-size: 500");
	}

	@Test
	void theMetricsGoToThePushgatewayUnderTheJobAndNamespaceTheAlertsSelect() {
		Map<String, JsonNode> env = env(
				HelmChart.render(CRONJOB_VALUES, "pushgateway.existingSecret", "pushgateway-auth")
					.one("CronJob")
					.at("/spec/jobTemplate/spec/template/spec/containers/0"));
		assertThat(value(env, "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED")).isEqualTo("true");
		assertThat(value(env, "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_SCHEME")).isEqualTo("http");
		assertThat(value(env, "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS"))
			.isEqualTo("pushgateway.monitoring.svc:9091");
		assertThat(value(env, "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_JOB")).isEqualTo(FULLNAME);
		assertThat(value(env, "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_GROUPINGKEY_NAMESPACE"))
			.isEqualTo(HelmChart.NAMESPACE);
		assertThat(env.get("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_PASSWORD")
			.at("/valueFrom/secretKeyRef/name")
			.asText()).isEqualTo("pushgateway-auth");

		Map<String, JsonNode> withoutPush = env(HelmChart.render(CRONJOB_VALUES, "pushgateway.url", "")
			.one("CronJob")
			.at("/spec/jobTemplate/spec/template/spec/containers/0"));
		assertThat(withoutPush.keySet()).noneMatch((name) -> name.contains("PUSHGATEWAY"));
	}

	@Test
	void theAlertsOfAServiceThatIsScrapedAreLeftOut() {
		List<String> cronJobAlerts = alerts(HelmChart.render(CRONJOB_VALUES));
		assertThat(cronJobAlerts).doesNotContain("CollectorDown")
			.contains("CollectorNoSuccessfulCollection", "CollectorErrorRateHigh");
		assertThat(alerts(HelmChart.render(HelmChart.PRODUCTION_VALUES))).contains("CollectorDown");
	}

	@Test
	void aCronJobWithTheEmbeddedH2IsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(CRONJOB_VALUES, "database.url", "jdbc:h2:file:./data/news"))
			.withMessageContaining("mode: cronjob needs an external database");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(null, "mode", "cronjob"))
			.withMessageContaining("database.url");
	}

	@Test
	void theSchemaRejectsWrongCronJobValues() throws Exception {
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(CRONJOB_VALUES, "mode", "job"))
			.withMessageContaining("mode");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(CRONJOB_VALUES, "cronjob.run", "collect-everything"))
			.withMessageContaining("run");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(CRONJOB_VALUES, "cronjob.args[0]", "collector.run-once.force=true"))
			.withMessageContaining("args");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(CRONJOB_VALUES, "pushgateway.url", "pushgateway:9091"))
			.withMessageContaining("url");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(CRONJOB_VALUES, "cronjob.backoffLimit", "-1"))
			.withMessageContaining("backoffLimit");
		Path values = this.work.resolve("wrong-values.yaml");
		Files.writeString(values, "cronjob:\n  concurrencyPolicy: Allow\n");
		assertThat(HelmChart.lint(values, this.work).isFailed()).isTrue();
	}

	private static List<String> alerts(Manifests manifests) {
		return manifests.one("PrometheusRule").at("/spec/groups/0/rules").findValuesAsText("alert");
	}

	private static Map<String, JsonNode> env(JsonNode container) {
		Map<String, JsonNode> env = new LinkedHashMap<>();
		for (JsonNode variable : container.path("env")) {
			env.put(variable.path("name").asText(), variable);
		}
		return env;
	}

	private static String value(Map<String, JsonNode> env, String name) {
		assertThat(env).containsKey(name);
		return env.get(name).at("/value").asText();
	}

}
