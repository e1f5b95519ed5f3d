package dev.collector.tracing;

import java.time.Instant;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Collector;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.ops.RunTraces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on, the run duration histogram carries the run's trace as an exemplar in
 * the OpenMetrics output (Boot's Prometheus exemplar sampler reads the span in scope when
 * the duration is recorded, which is inside the run's observation).
 */
class ExemplarTests extends AbstractTracedTests {

	private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

	private final ScriptedCollector collector = new ScriptedCollector();

	@Override
	protected Collector<Reading> collector() {
		return this.collector;
	}

	@Test
	void runDurationHistogramCarriesTheRunsTraceAsExemplar() {
		this.collector.returning(ScriptedCollector.readings(Instant.now().minusSeconds(60), 3));
		CollectionResult result = this.context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
		String traceId = this.context.getBean(RunTraces.class).traceId(result.runId());
		assertThat(traceId).isNotNull();
		String scrape = this.context.getBean(PrometheusMeterRegistry.class).scrape(OPENMETRICS);
		List<String> buckets = scrape.lines()
			.filter((line) -> line.startsWith("collector_collection_duration_seconds_bucket{"))
			.toList();
		assertThat(buckets).anyMatch((line) -> line.contains("trace_id=\"" + traceId + "\""));
		// the classic text format (GET /metrics) has no exemplars: unchanged for the
		// contract
		assertThat(this.context.getBean(PrometheusMeterRegistry.class).scrape()).doesNotContain("trace_id=");
	}

}
