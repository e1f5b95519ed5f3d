package dev.collector.test.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.LocalCollectionScheduler;
import dev.collector.collect.Trigger;
import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.MutableClock;
import dev.collector.test.support.UpstreamResponse;
import dev.collector.web.CollectController;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatMetrics;
import static dev.collector.test.CollectorAssertions.assertThatQuarantine;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

@CollectorTest
class CollectorTestSliceTests {

	private static final FakeUpstream upstream = FakeUpstream.start();

	private static final String PRICES = """
			[{"symbol":"BTC","priced_at":"2025-12-31T23:50:00Z","amount":"97000.5"},
			 {"symbol":"ETH","priced_at":"2025-12-31T23:50:00Z","amount":"3400"},
			 {"symbol":"BAD","priced_at":"2025-12-31T23:50:00Z","amount":"-1"}]""";

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CollectorTester tester;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry registry) {
		registry.add("prices.url", () -> upstream.url("/prices"));
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@BeforeEach
	void reset() {
		upstream.on("/prices").respond(UpstreamResponse.json(PRICES));
		upstream.clearRequests();
	}

	@Test
	void startsOnlyTheCollectorMachinery() {
		assertThat(this.context.getBeanNamesForType(PriceCollector.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(CollectionRunner.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(UnrelatedComponent.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(CollectController.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LocalCollectionScheduler.class)).as("the schedule is off")
			.isEmpty();
		assertThat(this.registry).isInstanceOf(CompositeMeterRegistry.class);
		assertThat(((CompositeMeterRegistry) this.registry).getRegistries()).singleElement()
			.isInstanceOf(SimpleMeterRegistry.class);
		assertThat(this.tester.clock()).isInstanceOf(MutableClock.class);
		assertThat(this.jdbc.queryForObject("SELECT DATABASE_PATH()", String.class)).as("in memory").isNull();
	}

	@Test
	void storesValidRecordsAndQuarantinesTheRest() {
		double insertedBefore = this.registry.find("collector.records.processed")
			.tag("operation", "insert")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		CollectionResult result = this.tester.collect();
		assertThat(result).succeeded().hasTrigger(Trigger.MANUAL).hasCollected(3).hasInvalid(1);
		assertThatQuarantine(this.jdbc, result).hasRowCount(1).reasons().singleElement().asString().contains("amount");
		assertThatTable(this.jdbc, "price").containsRowWhere("symbol", "BTC").containsRowWhere("symbol", "ETH");
		long inserted = result.counts().inserted();
		assertThatMetrics(this.registry).counter("collector.records.processed")
			.withTag("operation", "insert")
			.hasCount(insertedBefore + inserted);
	}

	@Test
	void theScheduledWindowFollowsTheTestClock() {
		CollectionResult first = this.tester.triggerSchedule();
		assertThat(first).succeeded().hasTrigger(Trigger.SCHEDULED);
		Instant firstEnd = first.request().to();
		assertThat(firstEnd).isEqualTo(this.tester.clock().instant());

		CollectionResult second = this.tester.advanceAndTriggerSchedule(Duration.ofMinutes(15));
		assertThat(second).succeeded().hasDuplicates(2).hasInserted(0);
		assertThat(second.request().from()).as("from the checkpoint").isEqualTo(firstEnd);
		assertThat(second.request().to()).isEqualTo(firstEnd.plus(Duration.ofMinutes(15)));
		assertThat(upstream.requests("/prices")).hasSize(2)
			.last()
			.satisfies((request) -> assertThat(request.query())
				.isEqualTo("from=" + firstEnd + "&to=" + second.request().to()));
	}

	@Test
	void aFailingSourceIsRetriedThenFailsTheRun() {
		upstream.on("/prices").failTimes(1, UpstreamResponse.status(503)).thenRespond(UpstreamResponse.json("[]"));
		assertThat(this.tester.collect()).as("retried by the collector's retry").succeeded().hasCollected(0);
		assertThat(upstream.requests("/prices")).hasSize(2);
		upstream.on("/prices").respond(UpstreamResponse.status(503));
		assertThat(this.tester.collect()).hasErrorContaining("HTTP status 503");
	}

	@Test
	void runsAnExplicitRequest() {
		Instant to = this.tester.clock().instant();
		CollectionRequest request = new CollectionRequest("explicit-run", Trigger.MANUAL, to.minus(Duration.ofDays(1)),
				to, Set.of(), false, true);
		assertThat(this.tester.run(request)).succeeded().hasCollected(3).hasInserted(0);
		assertThat(upstream.requests("/prices")).singleElement()
			.satisfies((recorded) -> assertThat(recorded.query()).startsWith("from=" + to.minus(Duration.ofDays(1))));
		this.tester.awaitIdle(Duration.ofSeconds(1));
		assertThat(this.tester.runner()).isSameAs(this.context.getBean(CollectionRunner.class));
	}

}
