package dev.collector.helm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
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
 * {@code helm lint} and {@code helm template} of helm/collector with the default values
 * and with ci/production-values.yaml, and what must hold in the rendered manifests.
 */
class HelmChartTests {

	private static final String FULLNAME = "news-collector";

	@TempDir
	Path work;

	@Test
	void lintPassesStrictlyWithTheDefaultValues() {
		LintResult result = HelmChart.lint(null, this.work);
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((line) -> line.contains("[ERROR]") || line.contains("[WARNING]"));
	}

	@Test
	void lintPassesStrictlyWithTheProductionValues() {
		LintResult result = HelmChart.lint(HelmChart.PRODUCTION_VALUES, this.work);
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((line) -> line.contains("[ERROR]") || line.contains("[WARNING]"));
	}

	@Test
	void lintFailsOnValuesThatTheSchemaRejects() throws Exception {
		Path values = this.work.resolve("wrong-values.yaml");
		java.nio.file.Files.writeString(values, "replicaCount: three\n");
		LintResult result = HelmChart.lint(values, this.work);
		assertThat(result.isFailed()).isTrue();
		assertThat(result.getMessages()).anyMatch((line) -> line.contains("replicaCount"));
	}

	@Test
	void defaultValuesRenderOneReplicaWithoutTheOperatorsResources() {
		Manifests manifests = HelmChart.render(null);
		assertThat(manifests.kinds()).containsExactly("ConfigMap", "ConfigMap", "Deployment", "PodDisruptionBudget",
				"Secret", "Service", "ServiceAccount");
		JsonNode deployment = manifests.one("Deployment");
		assertThat(deployment.at("/metadata/name").asText()).isEqualTo(FULLNAME);
		assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
		// no cluster announces monitoring.coreos.com/v1 to helm template: no
		// ServiceMonitor, no PrometheusRule
		assertThat(manifests.all("ServiceMonitor")).isEmpty();
		assertThat(manifests.all("PrometheusRule")).isEmpty();
		assertThat(
				manifests.named("ConfigMap", FULLNAME + "-dashboard").at("/metadata/labels/grafana_dashboard").asText())
			.isEqualTo("1");
		JsonNode budget = manifests.one("PodDisruptionBudget");
		assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
		assertThat(fields(deployment.at("/spec/template/metadata/labels")))
			.containsAllEntriesOf(fields(budget.at("/spec/selector/matchLabels")));
	}

	@Test
	void productionValuesRenderEverything() {
		Manifests manifests = HelmChart.render(HelmChart.PRODUCTION_VALUES);
		assertThat(manifests.kinds()).containsExactly("ConfigMap", "ConfigMap", "Deployment", "HorizontalPodAutoscaler",
				"NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "Service", "ServiceAccount",
				"ServiceMonitor");
		// the api token comes from the user's Secret: the chart creates none
		assertThat(manifests.all("Secret")).isEmpty();
		assertThat(manifests.one("Deployment").at("/spec").has("replicas")).as("replicas left to the HPA").isFalse();
		JsonNode hpa = manifests.one("HorizontalPodAutoscaler");
		assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
		assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(6);
		assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(FULLNAME);

		assertThat(manifests.env("SPRING_DATASOURCE_URL").path("value").asText())
			.isEqualTo("jdbc:postgresql://postgres.data.svc:5432/news");
		// the pod name is the replica's identity: a restarted container takes back its
		// own executions
		assertThat(manifests.env("COLLECTOR_INSTANCE_ID").at("/valueFrom/fieldRef/fieldPath").asText())
			.isEqualTo("metadata.name");
		assertThat(manifests.env("SPRING_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
			.isEqualTo("news-collector-db");
		assertThat(manifests.env("COLLECTOR_SECURITY_API_TOKEN").at("/valueFrom/secretKeyRef").toString())
			.isEqualTo("{\"name\":\"news-collector-api-token\",\"key\":\"token\"}");
		assertThat(manifests.env("SPRING_CONFIG_IMPORT").path("value").asText())
			.isEqualTo("optional:configtree:/etc/collector/secrets/");
		assertThat(volume(manifests, "secrets").at("/projected/sources/0/secret/name").asText())
			.isEqualTo("news-collector-webhook");
		assertThat(mountPath(manifests, "secrets")).isEqualTo("/etc/collector/secrets");
		assertThat(manifests.container().at("/envFrom/0/configMapRef/name").asText())
			.isEqualTo("collector-base-config");

		List<String> alerts = new ArrayList<>();
		manifests.one("PrometheusRule")
			.at("/spec/groups/0/rules")
			.forEach((rule) -> alerts.add(rule.path("alert").asText()));
		assertThat(alerts).containsExactly("CollectorDown", "CollectorNoSuccessfulCollection", "CollectorErrorRateHigh",
				"CollectorCircuitOpen", "CollectorBackfillFailed", "CollectorBackfillStalled", "CollectorDataStale",
				"CollectorCoverageGaps");
		JsonNode noSuccess = manifests.one("PrometheusRule").at("/spec/groups/0/rules/1");
		// 3 missed intervals of 5m
		assertThat(noSuccess.path("expr").asText()).endsWith("> 3 * 300");
		assertThat(noSuccess.at("/labels/team").asText()).isEqualTo("data");
		// Prometheus' own template syntax survives Helm's
		assertThat(noSuccess.at("/annotations/summary").asText())
			.isEqualTo("{{ $labels.collector }} has not collected successfully for 3 intervals.");
		assertThat(manifests.one("PrometheusRule").at("/spec/groups/0/rules/0/expr").asText()).isEqualTo(
				"sum(up{job=\"news-collector\", namespace=\"data\"}) == 0 or absent(up{job=\"news-collector\", namespace=\"data\"})");

		JsonNode policy = manifests.one("NetworkPolicy");
		assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
		assertThat(
				policy.at("/spec/ingress/0/from/1/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
			.isEqualTo("monitoring");
	}

	@Test
	void probesUseTheActuatorHealthGroups() {
		JsonNode container = HelmChart.render(null).container();
		assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
		assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
		assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http");
		}
	}

	@Test
	void theServiceTargetsTheContainerPortAndSelectsThePods() {
		Manifests manifests = HelmChart.render(null, "containerPort", "9090", "service.port", "8081");
		JsonNode containerPort = manifests.container().at("/ports/0");
		JsonNode servicePort = manifests.one("Service").at("/spec/ports/0");
		assertThat(containerPort.path("containerPort").asInt()).isEqualTo(9090);
		assertThat(servicePort.path("targetPort").asText()).isEqualTo(containerPort.path("name").asText());
		assertThat(servicePort.path("port").asInt()).isEqualTo(8081);
		assertThat(manifests.env("SERVER_PORT").path("value").asText()).isEqualTo("9090");
		assertThat(manifests.one("Service").at("/spec/type").asText()).isEqualTo("ClusterIP");
		assertThat(fields(manifests.one("Deployment").at("/spec/template/metadata/labels")))
			.containsAllEntriesOf(fields(manifests.one("Service").at("/spec/selector")));
	}

	@Test
	void theServiceMonitorSelectsTheServiceAndItsPort() {
		Manifests manifests = HelmChart.render(HelmChart.PRODUCTION_VALUES);
		JsonNode monitor = manifests.one("ServiceMonitor");
		JsonNode service = manifests.one("Service");
		assertThat(fields(service.at("/metadata/labels")))
			.containsAllEntriesOf(fields(monitor.at("/spec/selector/matchLabels")));
		assertThat(monitor.at("/spec/namespaceSelector/matchNames/0").asText()).isEqualTo(HelmChart.NAMESPACE);
		assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
		assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
		assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
	}

	@Test
	void podsCarryChecksumsSoThatAChangedConfigRollsThem() {
		JsonNode annotations = HelmChart.render(null).one("Deployment").at("/spec/template/metadata/annotations");
		assertThat(annotations.path("checksum/config").asText()).matches("[0-9a-f]{64}");
		assertThat(annotations.path("checksum/secret").asText()).matches("[0-9a-f]{64}");
		String changed = HelmChart.render(null, "config.collector.sink.batch-size", "10")
			.one("Deployment")
			.at("/spec/template/metadata/annotations/checksum~1config")
			.asText();
		assertThat(changed).matches("[0-9a-f]{64}").isNotEqualTo(annotations.path("checksum/config").asText());
		assertThat(HelmChart.render(null)
			.one("Deployment")
			.at("/spec/template/metadata/annotations/checksum~1config")
			.asText()).as("stable for the same values").isEqualTo(annotations.path("checksum/config").asText());
	}

	@Test
	void withConfigWatchTheApplicationReloadsAndPodsDoNotRoll() throws Exception {
		Manifests manifests = HelmChart.render(null, "configReload.watch", "true");
		assertThat(manifests.one("Deployment").at("/spec/template/metadata/annotations").has("checksum/config"))
			.isFalse();
		JsonNode config = HelmChart.YAML
			.readTree(manifests.named("ConfigMap", FULLNAME).at("/data/application.yaml").asText());
		assertThat(config.at("/collector/config/watch").asBoolean()).isTrue();
		// mounted as a directory: a subPath mount would never see the kubelet's update
		assertThat(mountPath(manifests, "config")).isEqualTo("/etc/collector/config");
		assertThat(manifests.container().toString()).doesNotContain("subPath");
		assertThat(manifests.env("SPRING_CONFIG_ADDITIONAL_LOCATION").path("value").asText())
			.isEqualTo("optional:file:/etc/collector/config/");
	}

	@Test
	void theConfigMapHoldsTheApplicationYamlOverrides() throws Exception {
		Manifests manifests = HelmChart.render(null, "collector.name", "feeds", "collector.scheduleInterval", "5m",
				"config.collector.sink.batch-size", "250");
		JsonNode config = HelmChart.YAML
			.readTree(manifests.named("ConfigMap", FULLNAME).at("/data/application.yaml").asText());
		assertThat(config.at("/collector/name").asText()).isEqualTo("feeds");
		assertThat(config.at("/collector/schedule/interval").asText()).isEqualTo("5m");
		assertThat(config.at("/collector/sink/batch-size").asInt()).isEqualTo(250);
		assertThat(config.at("/collector/metrics/prefix").asText()).isEqualTo("collector");
	}

	@Test
	void secretsAreNeverRenderedIntoConfigMapsOrTheDeployment() {
		String token = "t0ken-that-must-stay-secret";
		Manifests manifests = HelmChart.render(HelmChart.PRODUCTION_VALUES, "security.existingSecret", "",
				"security.apiToken", token);
		String encoded = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
		JsonNode secret = manifests.one("Secret");
		assertThat(secret.at("/data/token").asText()).isEqualTo(encoded);
		for (JsonNode configMap : manifests.all("ConfigMap")) {
			assertThat(configMap.toString()).doesNotContain(token).doesNotContain(encoded);
		}
		assertThat(manifests.one("Deployment").toString()).doesNotContain(token).doesNotContain(encoded);
		assertThat(manifests.env("COLLECTOR_SECURITY_API_TOKEN").at("/valueFrom/secretKeyRef/name").asText())
			.isEqualTo(secret.at("/metadata/name").asText());
	}

	@Test
	void anApiTokenIsGeneratedWhenNoneIsGiven() {
		Manifests manifests = HelmChart.render(null);
		JsonNode secret = manifests.one("Secret");
		String token = new String(Base64.getDecoder().decode(secret.at("/data/api-token").asText()),
				StandardCharsets.UTF_8);
		assertThat(token).hasSize(40).matches("[A-Za-z0-9]+");
		assertThat(manifests.env("COLLECTOR_SECURITY_API_TOKEN").at("/valueFrom/secretKeyRef").toString())
			.isEqualTo("{\"name\":\"news-collector-api-token\",\"key\":\"api-token\"}");
	}

	@Test
	void moreThanOneReplicaWithTheEmbeddedH2IsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(null, "replicaCount", "2"))
			.withMessageContaining("H2")
			.withMessageContaining("database.url");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(null, "replicaCount", "3", "database.url", "jdbc:h2:mem:x"))
			.withMessageContaining("H2");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(null, "autoscaling.enabled", "true"))
			.withMessageContaining("H2");
		assertThat(HelmChart.render(null, "replicaCount", "3", "database.url", "jdbc:postgresql://db:5432/x")
			.one("Deployment")
			.at("/spec/replicas")
			.asInt()).isEqualTo(3);
	}

	@Test
	void theSchemaRejectsWrongTypesAndUnknownKeys() {
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(null, "replicaCount", "three"))
			.withMessageContaining("replicaCount");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(null, "serviceMonitor.enabled", "yes"))
			.withMessageContaining("serviceMonitor");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(null, "replicas", "2"))
			.withMessageContaining("replicas");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(null, "collector.scheduleInterval", "fifteen minutes"))
			.withMessageContaining("scheduleInterval");
	}

	@Test
	void gracefulTerminationOutlastsTheApplicationsShutdown() {
		Manifests manifests = HelmChart.render(null);
		JsonNode pod = manifests.one("Deployment").at("/spec/template/spec");
		assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(90);
		assertThat(manifests.container().at("/lifecycle/preStop/exec/command").toString())
			.isEqualTo("[\"sleep\",\"10\"]");
		assertThat(manifests.env("COLLECTOR_SHUTDOWN_TIMEOUT").path("value").asText()).isEqualTo("60s");
		assertThat(manifests.env("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").path("value").asText())
			.isEqualTo("60s");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.render(null, "shutdown.terminationGracePeriodSeconds", "70"))
			.withMessageContaining("terminationGracePeriodSeconds");
	}

	@Test
	void podsRunAsNonRootOnAReadOnlyRootFileSystemWithAWritableTmp() {
		Manifests manifests = HelmChart.render(null);
		JsonNode pod = manifests.one("Deployment").at("/spec/template/spec");
		assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(1000);
		JsonNode container = manifests.container();
		assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
		assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
		assertThat(mountPath(manifests, "tmp")).isEqualTo("/tmp");
		assertThat(volume(manifests, "tmp").has("emptyDir")).isTrue();
		assertThat(mountPath(manifests, "data")).isEqualTo("/app/data");
	}

	@Test
	void theDashboardFollowsAnotherMetricPrefix() {
		Manifests manifests = HelmChart.render(null, "collector.metricsPrefix", "news");
		String dashboard = manifests.named("ConfigMap", FULLNAME + "-dashboard").at("/data/collector.json").asText();
		assertThat(dashboard).contains("news_collection_requests_total").doesNotContain("collector_collection_");
	}

	private static JsonNode volume(Manifests manifests, String name) {
		for (JsonNode volume : manifests.one("Deployment").at("/spec/template/spec/volumes")) {
			if (name.equals(volume.path("name").asText())) {
				return volume;
			}
		}
		throw new AssertionError("No volume " + name);
	}

	private static String mountPath(Manifests manifests, String name) {
		for (JsonNode mount : manifests.container().path("volumeMounts")) {
			if (name.equals(mount.path("name").asText())) {
				return mount.path("mountPath").asText();
			}
		}
		throw new AssertionError("No volume mount " + name);
	}

	private static Map<String, String> fields(JsonNode object) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		Iterator<Map.Entry<String, JsonNode>> iterator = object.fields();
		while (iterator.hasNext()) {
			Map.Entry<String, JsonNode> field = iterator.next();
			fields.put(field.getKey(), field.getValue().asText());
		}
		return fields;
	}

}
