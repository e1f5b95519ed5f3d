package dev.collector.actuate;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.LocalHttp;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollectorApplication;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Actuator's health endpoint with two collectors, over HTTP: every per-collector
 * component is a composite with one child per collector, a failing collector makes its
 * own child DOWN and the aggregate shows it, while the readiness group (the database
 * only) keeps the instance in service. With one collector, the components and groups stay
 * as they always were.
 */
@SpringBootTest(classes = TwoCollectorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"collector.schedule.enabled=false", "collector.health.failure-threshold=1",
				"collector.source-check.interval=100ms" })
class SeveralCollectorsHealthTests {

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	CollectorRegistry collectors;

	@Autowired
	QuoteCollector quotes;

	@AfterEach
	void recover() {
		this.quotes.fail(null);
	}

	@Test
	void eachPerCollectorComponentHasOneChildPerCollector() throws Exception {
		this.collectors.get("readings").get(CollectionRunner.class).run(Trigger.MANUAL);
		this.collectors.get("quotes").get(CollectionRunner.class).run(Trigger.MANUAL);
		JsonNode health = get("/actuator/health");
		assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
		for (String component : List.of("collector", "collectorSource")) {
			JsonNode children = health.path("components").path(component).path("components");
			assertThat(names(children)).as(component).containsExactlyInAnyOrder("readings", "quotes");
			assertThat(children.path("quotes").path("status").asText()).isEqualTo("UP");
		}
		assertThat(get("/actuator/health/collector/readings").path("status").asText()).isEqualTo("UP");
	}

	@Test
	void aFailingCollectorIsDownInItsOwnComponentsButTheInstanceStaysReady() throws Exception {
		this.quotes.fail("quotes source is down");
		this.collectors.get("quotes").get(CollectionRunner.class).run(Trigger.MANUAL);
		this.collectors.get("readings").get(CollectionRunner.class).run(Trigger.MANUAL);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "DOWN".equals(get("/actuator/health").path("components")
				.path("collectorSource")
				.path("components")
				.path("quotes")
				.path("status")
				.asText()));
		ResponseEntity<String> answer = LocalHttp.client(this.port)
			.get()
			.uri("/actuator/health")
			.retrieve()
			.toEntity(String.class);
		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		JsonNode health = this.json.readTree(answer.getBody());
		assertThat(health.path("status").asText()).isEqualTo("DOWN");
		JsonNode collector = health.path("components").path("collector");
		assertThat(collector.path("status").asText()).isEqualTo("DOWN");
		assertThat(collector.path("components").path("quotes").path("status").asText()).isEqualTo("DOWN");
		assertThat(collector.path("components").path("readings").path("status").asText()).isEqualTo("UP");
		assertThat(health.path("components")
			.path("collectorSource")
			.path("components")
			.path("readings")
			.path("status")
			.asText()).isEqualTo("UP");
		assertReadyOnTheDatabaseOnly(this.port);
	}

	@Test
	void oneCollectorKeepsItsPlainComponentsAndTheSameGroups() throws Exception {
		try (ConfigurableApplicationContext single = new SpringApplicationBuilder(ScriptedCollectorApplication.class)
			.properties("server.port=0", "spring.datasource.generate-unique-name=true",
					"spring.sql.init.schema-locations=classpath:reading-schema.sql", "collector.name=solo",
					"collector.schedule.enabled=false")
			.run()) {
			int port = single.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			JsonNode health = this.json
				.readTree(LocalHttp.client(port).get().uri("/actuator/health").retrieve().body(String.class));
			for (String component : List.of("collector", "collectorSource")) {
				JsonNode plain = health.path("components").path(component);
				assertThat(plain.has("components")).as(component).isFalse();
				assertThat(plain.path("status").asText()).as(component).isEqualTo("UP");
			}
			assertThat(single.getBeanProvider(CollectorHealthContributors.class).getIfAvailable()).isNull();
			assertReadyOnTheDatabaseOnly(port);
		}
	}

	private void assertReadyOnTheDatabaseOnly(int port) throws Exception {
		ResponseEntity<String> readiness = LocalHttp.client(port)
			.get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.toEntity(String.class);
		assertThat(readiness.getStatusCode().value()).isEqualTo(200);
		JsonNode ready = this.json.readTree(readiness.getBody());
		assertThat(ready.path("status").asText()).isEqualTo("UP");
		assertThat(names(ready.path("components"))).containsExactlyInAnyOrder("readinessState", "db");
		ResponseEntity<String> liveness = LocalHttp.client(port)
			.get()
			.uri("/actuator/health/liveness")
			.retrieve()
			.toEntity(String.class);
		assertThat(liveness.getStatusCode().value()).isEqualTo(200);
		assertThat(names(this.json.readTree(liveness.getBody()).path("components"))).containsExactly("livenessState");
	}

	private JsonNode get(String path) throws Exception {
		return this.json.readTree(LocalHttp.client(this.port).get().uri(path).retrieve().body(String.class));
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new java.util.ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

}
