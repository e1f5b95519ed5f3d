package dev.collector.actuate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.collector.collect.CollectionObserver;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorStatus;
import dev.collector.collect.Trigger;
import dev.collector.collect.WriteResult;

/**
 * The meters of the collection runs, every one tagged {@code collector=<name>} (the
 * meters a collector's author adds go through {@code metrics.CollectorMetrics}). With the
 * default prefix {@code collector}, Prometheus sees:
 * <ul>
 * <li>{@code collector_collection_requests_total{status="success|partial|error",
 * trigger}}: runs by outcome (partial: some parts failed, the others were stored)</li>
 * <li>{@code collector_part_failures_total{trigger}}: parts of runs that failed (a
 * symbol, a feed, a page) while the run went on; the part itself is not a label, so the
 * series stay few whatever the source</li>
 * <li>{@code collector_failing_parts}: parts that failed in the latest completed run</li>
 * <li>{@code collector_collection_duration_seconds} (histogram)</li>
 * <li>{@code collector_records_processed_total{operation="insert|duplicate|invalid"}}</li>
 * <li>{@code collector_database_operations_total{operation="insert|query", status}}: sink
 * batches (insert) and checkpoint reads (query)</li>
 * <li>{@code collector_api_requests_total{endpoint="source", status}}: calls of the
 * collector's source, one per collection</li>
 * <li>{@code collector_backfill_operations_total{status}}</li>
 * <li>{@code collector_active_collections}</li>
 * <li>{@code collector_up}: 1 unless the latest collection failed (a partial one counts
 * as up)</li>
 * <li>{@code collector_last_success_timestamp_seconds}: 0 before the first success</li>
 * <li>{@code collector_source_duration_seconds} and
 * {@code collector_sink_duration_seconds}: time spent in the source per collection and
 * per sink batch (API and database latency)</li>
 * </ul>
 * Every label combination that can occur is registered at start-up with 0, so rate() and
 * absent() behave from the first scrape.
 */
public class RunMetrics implements CollectionObserver {

	static final String SOURCE_ENDPOINT = "source";

	private final MeterRegistry registry;

	private final String prefix;

	private final Tags tags;

	private final AtomicInteger active = new AtomicInteger();

	private final Timer duration;

	private final Timer sourceDuration;

	private final Timer sinkDuration;

	public RunMetrics(MeterRegistry registry, String prefix, String collectorName, CollectorStatus status) {
		this.registry = registry;
		this.prefix = prefix;
		this.tags = Tags.of("collector", collectorName);
		for (Trigger trigger : Trigger.values()) {
			// the contract's outcomes exist from the start, at 0; status="partial" (issue
			// 15) appears with the first partial run, so that a collector whose parts
			// never fail shows only the contract's values
			for (String outcome : new String[] { "success", "error" }) {
				requests(outcome, trigger);
			}
			partFailures(trigger);
		}
		for (String operation : new String[] { "insert", "duplicate", "invalid" }) {
			records(operation);
		}
		for (String outcome : new String[] { "success", "error" }) {
			database("insert", outcome);
			database("query", outcome);
			api(SOURCE_ENDPOINT, outcome);
			counter("backfill.operations", "Backfill tasks by outcome", Tags.of("status", outcome));
		}
		this.duration = Timer.builder(name("collection.duration"))
			.description("Duration of collections")
			.tags(this.tags)
			.publishPercentileHistogram()
			.register(registry);
		this.sourceDuration = Timer.builder(name("source.duration"))
			.description("Time spent in the collector's source per collection")
			.tags(this.tags)
			.register(registry);
		this.sinkDuration = Timer.builder(name("sink.duration"))
			.description("Time to write and commit one batch of records")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(name("active.collections"), this.active, AtomicInteger::get)
			.description("Collections running on this instance")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(name("failing.parts"), status, (current) -> current.snapshot().failingParts().count())
			.description("Parts that failed in the latest completed collection")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(name("up"), status, RunMetrics::up)
			.description("1 when the latest collection succeeded (or none ran yet), 0 when it failed")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(name("last.success.timestamp"), status, RunMetrics::lastSuccess)
			.description("End of the latest successful collection, seconds since the epoch (0: none yet)")
			.baseUnit("seconds")
			.tags(this.tags)
			.register(registry);
	}

	private static double up(CollectorStatus status) {
		CollectionResult last = status.snapshot().lastRun();
		return (last == null || last.completed()) ? 1 : 0;
	}

	private static double lastSuccess(CollectorStatus status) {
		CollectionResult success = status.snapshot().lastSuccess();
		return (success != null) ? success.finishedAt().toEpochMilli() / 1000.0 : 0;
	}

	@Override
	public void runStarted(CollectionRequest request) {
		this.active.incrementAndGet();
	}

	@Override
	public void runFinished(CollectionResult result) {
		this.active.decrementAndGet();
		String outcome = switch (result.status()) {
			case SUCCEEDED -> "success";
			case PARTIAL -> "partial";
			case FAILED -> "error";
		};
		requests(outcome, result.request().trigger()).increment();
		if (result.partFailureCount() > 0) {
			partFailures(result.request().trigger()).increment(result.partFailureCount());
		}
		this.duration.record(result.duration());
	}

	@Override
	public void batchWritten(CollectionRequest request, WriteResult<?> result, Duration took) {
		database("insert", "success").increment();
		this.sinkDuration.record(took);
		records("insert").increment(result.inserted());
		records("duplicate").increment(result.duplicates());
	}

	@Override
	public void batchFailed(CollectionRequest request, Throwable failure, Duration took) {
		database("insert", "error").increment();
		this.sinkDuration.record(took);
	}

	@Override
	public void recordsInvalid(CollectionRequest request, long count) {
		records("invalid").increment(count);
	}

	@Override
	public void sourceCalled(CollectionRequest request, Throwable failure, Duration took) {
		api(SOURCE_ENDPOINT, (failure != null) ? "error" : "success").increment();
		this.sourceDuration.record(took);
	}

	@Override
	public void databaseQueried(Throwable failure) {
		database("query", (failure != null) ? "error" : "success").increment();
	}

	private Counter requests(String status, Trigger trigger) {
		return counter("collection.requests", "Collections by outcome and trigger",
				Tags.of("status", status, "trigger", trigger.label()));
	}

	private Counter partFailures(Trigger trigger) {
		return counter("part.failures", "Parts of collections that failed while the others went on",
				Tags.of("trigger", trigger.label()));
	}

	private Counter records(String operation) {
		return counter("records.processed", "Records by what happened to them", Tags.of("operation", operation));
	}

	private Counter database(String operation, String status) {
		return counter("database.operations", "Database operations of the collector",
				Tags.of("operation", operation, "status", status));
	}

	private Counter api(String endpoint, String status) {
		return counter("api.requests", "Requests to the collector's source",
				Tags.of("endpoint", endpoint, "status", status));
	}

	private Counter counter(String name, String description, Tags extra) {
		return Counter.builder(name(name)).description(description).tags(this.tags).tags(extra).register(this.registry);
	}

	private String name(String suffix) {
		return this.prefix + "." + suffix;
	}

}
