package dev.collector.web;

import java.util.List;
import java.util.Map;

import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.collector.test.support.PrometheusText;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.LocalHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: the source check, the collectorSource health component, the request
 * log, the scrape duration and the timing annotations.
 */
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:observability;DB_CLOSE_DELAY=-1", "collector.name=test",
				"collector.schedule.enabled=false", "collector.source-check.interval=1h" })
class ObservabilityEndpointsTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	ScriptedCollector collector;

	@Autowired
	TimedStep step;

	@Autowired
	MeterRegistry registry;

	RestClient http;

	@BeforeEach
	void setUp() {
		this.http = LocalHttp.client(this.port);
		this.collector.returning(List.of(Reading.of("s1", java.time.Instant.now(), 1)));
	}

	@Test
	void validateOnlyAnswersWhetherTheSourceIsReachableAndWritesNothing() {
		int before = this.collector.requests().size();
		ResponseEntity<Map<String, Object>> ok = this.http.post()
			.uri("/collect?validate_only=true")
			.retrieve()
			.toEntity(JSON);
		assertThat(ok.getStatusCode().value()).isEqualTo(200);
		assertThat(ok.getBody()).containsEntry("status", "reachable")
			.containsEntry("reachable", true)
			.containsEntry("collector", "test")
			.containsKeys("duration_seconds", "checked_at")
			.doesNotContainKey("error");
		assertThat(this.collector.requests()).hasSize(before + 1);
		assertThat(this.collector.requests().get(before).dryRun()).isTrue();

		this.collector.failing("connection refused");
		ResponseEntity<Map<String, Object>> down = this.http.post()
			.uri("/collect?validate_only=true")
			.retrieve()
			.toEntity(JSON);
		assertThat(down.getStatusCode().value()).isEqualTo(503);
		assertThat(down.getBody()).containsEntry("status", "unreachable").containsEntry("reachable", false);
		assertThat((String) down.getBody().get("error")).contains("connection refused");
	}

	@Test
	void theSourceIsInOverallHealthButNotInLiveness() {
		Map<String, Object> health = this.http.get().uri("/actuator/health").retrieve().body(JSON);
		assertThat(((Map<?, ?>) health.get("components")).containsKey("collectorSource")).isTrue();
		Map<String, Object> liveness = this.http.get().uri("/actuator/health/liveness").retrieve().body(JSON);
		assertThat(liveness.toString()).doesNotContain("collectorSource");
	}

	@Test
	void oneLogLinePerRequestWithoutTheAuthorizationHeaderAndNoneForProbes(CapturedOutput output) {
		this.http.post()
			.uri("/collect?validate_only=true")
			.header("Authorization", "Bearer s3cr3t-token")
			.header("User-Agent", "curl/8")
			.retrieve()
			.toBodilessEntity();
		this.http.get().uri("/ready").retrieve().toBodilessEntity();
		this.http.get().uri("/metrics").retrieve().toBodilessEntity();
		List<String> requestLines = output.getOut()
			.lines()
			.filter((line) -> line.contains(RequestLoggingFilter.class.getName()))
			.toList();
		assertThat(requestLines).anySatisfy((line) -> assertThat(line).contains("POST /collect 200")
			.contains("\"url\":{\"path\":\"/collect\"}")
			.contains("\"response\":{\"status_code\":200}")
			.contains("curl/8"));
		assertThat(requestLines).noneSatisfy((line) -> assertThat(line).contains("/ready"));
		assertThat(requestLines).noneSatisfy((line) -> assertThat(line).contains("GET /metrics"));
		assertThat(output.getAll()).doesNotContain("s3cr3t-token");
	}

	@Test
	void scrapeDurationIsExportedNextToUp() {
		this.http.get().uri("/metrics").retrieve().body(String.class);
		PrometheusText metrics = PrometheusText.parse(this.http.get().uri("/metrics").retrieve().body(String.class));
		assertThat(metrics.value("collector_scrape_duration_seconds", "collector", "test")).isPositive();
		assertThat(metrics.matching("collector_up", "collector", "test")).hasSize(1);
	}

	@Test
	void timedWorksOnAnyBeanOutOfTheBox() {
		this.step.parse();
		this.step.parse();
		assertThat(this.registry.get("collector.test.parse").timer().count()).isEqualTo(2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ScriptedCollector scriptedCollector() {
			return new ScriptedCollector();
		}

		@Bean
		TimedStep timedStep() {
			return new TimedStep();
		}

	}

	static class TimedStep {

		@Timed("collector.test.parse")
		void parse() {
		}

	}

}
