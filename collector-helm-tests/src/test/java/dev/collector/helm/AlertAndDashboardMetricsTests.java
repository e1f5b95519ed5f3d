package dev.collector.helm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.collector.helm.HelmChart.Manifests;
import dev.collector.sample.news.NewsCollectorApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric that the PrometheusRule's alerts and the Grafana dashboard query is one
 * the application really exports: the sample is started, collects once, and its
 * /actuator/prometheus scrape is compared with the names in every PromQL expression of
 * the rendered chart. The probe and scrape paths of the chart are requested from it, too.
 */
class AlertAndDashboardMetricsTests {

	/** Series that Prometheus makes itself for every target. */
	static final Set<String> GENERATED_BY_PROMETHEUS = Set.of("up");

	private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ].*");

	private static ConfigurableApplicationContext sample;

	private static String baseUrl;

	private static Set<String> exported;

	@BeforeAll
	static void startTheSampleAndScrapeIt() throws Exception {
		sample = new SpringApplicationBuilder(NewsCollectorApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:helm-tests;DB_CLOSE_DELAY=-1",
				"--collector.schedule.enabled=false");
		baseUrl = "http://127.0.0.1:" + sample.getEnvironment().getProperty("local.server.port");
		// one collection, so that every series the runs feed exists with a value
		assertThat(request("POST", "/collect?wait=true").statusCode()).isEqualTo(200);
		// Micrometer registers the GC pause timer at the first collection: have one
		// happen
		System.gc();
		HttpResponse<String> scrape = request("GET", "/actuator/prometheus");
		for (int i = 0; i < 40 && !scrape.body().contains("jvm_gc_pause_seconds"); i++) {
			Thread.sleep(250);
			scrape = request("GET", "/actuator/prometheus");
		}
		assertThat(scrape.statusCode()).isEqualTo(200);
		exported = new TreeSet<>();
		scrape.body().lines().filter((line) -> !line.startsWith("#")).forEach((line) -> {
			var matcher = SAMPLE_NAME.matcher(line);
			if (matcher.matches()) {
				exported.add(matcher.group(1));
			}
		});
	}

	@AfterAll
	static void stopTheSample() {
		if (sample != null) {
			sample.close();
		}
	}

	@Test
	void everyMetricOfTheAlertsAndTheDashboardIsExported() {
		TreeMap<String, List<String>> usedBy = usedMetrics();
		assertThat(usedBy).as("the chart's queries were found")
			.containsKeys("collector_up", "collector_last_success_timestamp_seconds",
					"collector_collection_requests_total", "collector_collection_duration_seconds_bucket",
					"collector_records_processed_total", "collector_backfill_operations_total",
					"collector_coverage_missing_periods", "collector_data_freshness_seconds",
					"resilience4j_circuitbreaker_state", "hikaricp_connections_active", "jvm_memory_used_bytes");
		List<String> missing = new ArrayList<>();
		usedBy.forEach((name, where) -> {
			if (!exported.contains(name) && !GENERATED_BY_PROMETHEUS.contains(name)) {
				missing.add(name + " (in " + where + ")");
			}
		});
		assertThat(missing).as("queried but not exported by the application").isEmpty();
	}

	@Test
	void theChartsProbeAndScrapePathsAnswer() throws Exception {
		Manifests manifests = HelmChart.render(HelmChart.PRODUCTION_VALUES);
		JsonNode container = manifests.container();
		List<String> paths = List.of(container.at("/livenessProbe/httpGet/path").asText(),
				container.at("/readinessProbe/httpGet/path").asText(),
				container.at("/startupProbe/httpGet/path").asText(),
				manifests.one("ServiceMonitor").at("/spec/endpoints/0/path").asText());
		for (String path : paths) {
			assertThat(request("GET", path).statusCode()).as("GET %s", path).isEqualTo(200);
		}
	}

	/** Metric name to the alerts and panels that query it. */
	private static TreeMap<String, List<String>> usedMetrics() {
		Manifests manifests = HelmChart.render(HelmChart.PRODUCTION_VALUES);
		TreeMap<String, List<String>> usedBy = new TreeMap<>();
		for (JsonNode group : manifests.one("PrometheusRule").at("/spec/groups")) {
			for (JsonNode rule : group.path("rules")) {
				record(usedBy, rule.path("expr").asText(), "alert " + rule.path("alert").asText());
			}
		}
		try {
			JsonNode dashboard = new ObjectMapper()
				.readTree(manifests.named("ConfigMap", "news-collector-dashboard").at("/data/collector.json").asText());
			for (JsonNode panel : dashboard.path("panels")) {
				for (JsonNode target : panel.path("targets")) {
					record(usedBy, target.path("expr").asText(), "panel " + panel.path("title").asText());
				}
			}
			for (JsonNode variable : dashboard.at("/templating/list")) {
				if (variable.has("definition")) {
					record(usedBy, variable.path("definition").asText(), "variable " + variable.path("name").asText());
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("The dashboard is not JSON", ex);
		}
		return usedBy;
	}

	private static void record(TreeMap<String, List<String>> usedBy, String expression, String where) {
		assertThat(expression).as("query of %s", where).isNotBlank();
		for (String name : PromQl.metricNames(expression)) {
			usedBy.computeIfAbsent(name, (key) -> new ArrayList<>()).add(where);
		}
	}

	private static HttpResponse<String> request(String method, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(Duration.ofSeconds(60))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
