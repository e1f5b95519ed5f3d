package dev.collector.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;

import dev.collector.cache.CollectorsCacheManager;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.LocalHttp;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.CachingEnabled;
import dev.collector.fixtures.TwoCollectorsApplication;
import dev.collector.test.support.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters of two collectors in the application's one registry: the same names, told
 * apart by {@code collector="<name>"}, none lost, no gauge of one collector reading the
 * other's state, and both collectors' series in a Prometheus scrape.
 */
@AutoConfigureObservability
@SpringBootTest(classes = { TwoCollectorsApplication.class, CachingEnabled.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"collector.schedule.enabled=false", "collector.rate-limit.requests-per-minute=600",
				"collector.collectors.quotes.rate-limit.requests-per-minute=60" })
class SeveralCollectorsMetricsTests {

	private static final String[] NAMES = { "readings", "quotes" };

	@LocalServerPort
	int port;

	@Autowired
	CollectorRegistry collectors;

	@Autowired
	MeterRegistry registry;

	@Autowired
	QuoteCollector quotes;

	@Autowired
	ScrapeDuration scrapeDuration;

	@Test
	void everyCollectorHasItsOwnSeriesOfEveryMeter() {
		exercise();
		Map<String, Set<String>> collectorsByMeter = new TreeMap<>();
		for (Meter meter : this.registry.getMeters()) {
			String name = meter.getId().getName();
			if (name.startsWith("collector.") || name.startsWith("cache.")) {
				String collector = meter.getId().getTag("collector");
				assertThat(collector).as("collector tag of %s", meter.getId()).isIn((Object[]) NAMES);
				collectorsByMeter.computeIfAbsent(name, (key) -> new TreeSet<>()).add(collector);
			}
		}
		assertThat(collectorsByMeter).isNotEmpty()
			.allSatisfy((name, collectors) -> assertThat(collectors).as(name).containsExactlyInAnyOrder(NAMES));
		assertThat(collectorsByMeter).containsKeys("collector.collection.requests", "collector.up",
				"collector.last.success.timestamp", "collector.active.collections", "collector.records.processed",
				"collector.coverage.missing.periods", "collector.data.freshness", "collector.retention.deleted",
				"collector.rate.budget.requests.per.minute", "collector.rate.budget.paused",
				"collector.scrape.duration", "collector.items_fetched", "collector.queue_depth", "cache.gets");
	}

	@Test
	void aGaugeReadsTheStateOfItsOwnCollector() {
		exercise();
		assertThat(gauge("collector.up", "readings")).isEqualTo(1);
		assertThat(gauge("collector.up", "quotes")).isZero();
		assertThat(gauge("collector.last.success.timestamp", "readings")).isPositive();
		assertThat(gauge("collector.last.success.timestamp", "quotes")).isZero();
		assertThat(gauge("collector.queue_depth", "readings")).isEqualTo(1);
		assertThat(gauge("collector.queue_depth", "quotes")).isEqualTo(2);
		assertThat(gauge("collector.rate.budget.requests.per.minute", "readings")).isEqualTo(600);
		assertThat(gauge("collector.rate.budget.requests.per.minute", "quotes")).isEqualTo(60);
	}

	@Test
	void aScrapeShowsBothCollectors() {
		exercise();
		String scrape = LocalHttp.client(this.port).get().uri("/actuator/prometheus").retrieve().body(String.class);
		PrometheusText text = PrometheusText.parse(scrape);
		for (String name : NAMES) {
			for (String status : new String[] { "success", "error" }) {
				double count = this.registry.get("collector.collection.requests")
					.tags("collector", name, "status", status, "trigger", "manual")
					.counter()
					.count();
				assertThat(text.value("collector_collection_requests_total", "collector", name, "status", status,
						"trigger", "manual"))
					.as("%s %s", name, status)
					.isEqualTo(count);
			}
		}
		assertThat(text.value("collector_collection_requests_total", "collector", "readings", "status", "success",
				"trigger", "manual"))
			.isPositive();
		assertThat(text.value("collector_collection_requests_total", "collector", "quotes", "status", "success",
				"trigger", "manual"))
			.isZero();
		assertThat(text.value("collector_up", "collector", "readings")).isEqualTo(1);
		assertThat(text.value("collector_up", "collector", "quotes")).isZero();
		for (String name : NAMES) {
			assertThat(text.matching("collector_items_fetched_total", "collector", name)).as(name).isNotEmpty();
			assertThat(text.matching("cache_gets_total", "collector", name)).as(name).isNotEmpty();
			assertThat(text.matching("collector_rate_budget_paused", "collector", name)).as(name).isNotEmpty();
			assertThat(text.matching("collector_coverage_missing_periods", "collector", name)).as(name).isNotEmpty();
			assertThat(text.matching("resilience4j_circuitbreaker_state", "name", name)).as(name).isNotEmpty();
		}
	}

	@Test
	void theScrapeDurationIsTheApplicationsOneForEveryCollector() {
		for (String name : NAMES) {
			assertThat(this.collectors.get(name).get(ScrapeDuration.class)).as(name).isSameAs(this.scrapeDuration);
		}
		this.scrapeDuration.record(TimeUnit.MILLISECONDS.toNanos(5));
		for (String name : NAMES) {
			assertThat(this.registry.get("collector.scrape.duration")
				.tag("collector", name)
				.timeGauge()
				.value(TimeUnit.MILLISECONDS)).as(name).isEqualTo(5);
		}
	}

	// GET /metrics is served by the application's context with several collectors from
	// the web branch on (CollectorSharedWebAutoConfiguration)
	@Test
	void aScrapeOfMetricsShowsBothCollectorsAndItsOwnDuration() {
		exercise();
		LocalHttp.client(this.port).get().uri("/metrics").retrieve().body(String.class);
		PrometheusText text = PrometheusText
			.parse(LocalHttp.client(this.port).get().uri("/metrics").retrieve().body(String.class));
		for (String name : NAMES) {
			assertThat(text.matching("collector_up", "collector", name)).as(name).isNotEmpty();
			assertThat(text.matching("collector_rate_budget_paused", "collector", name)).as(name).isNotEmpty();
			assertThat(text.value("collector_scrape_duration_seconds", "collector", name)).as(name).isPositive();
		}
	}

	private double gauge(String name, String collector) {
		return this.registry.get(name).tag("collector", collector).gauge().value();
	}

	private void exercise() {
		this.quotes.fail("no quotes today");
		try {
			int depth = 1;
			for (String name : NAMES) {
				CollectorUnit unit = this.collectors.get(name);
				unit.get(CollectionRunner.class).run(Trigger.MANUAL);
				CollectorMetrics metrics = unit.get(CollectorMetrics.class);
				metrics.counter("items_fetched", "Items fetched", "kind").labels("a").increment();
				int value = depth++;
				metrics.gauge("queue_depth", "Items waiting", () -> value);
				// the application's cache manager keeps each collector's caches apart
				((CollectorsCacheManager) unit.get(CacheManager.class)).getCache(name, "lookups")
					.get("key", () -> "value");
			}
		}
		finally {
			this.quotes.fail(null);
		}
	}

}
