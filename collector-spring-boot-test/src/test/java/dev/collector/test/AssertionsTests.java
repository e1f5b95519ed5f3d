package dev.collector.test;

import java.time.Instant;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.collector.test.support.PrometheusText;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionResult.Status;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.Trigger;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatMetrics;
import static dev.collector.test.CollectorAssertions.assertThatPrometheus;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every assertion passes on what it claims and fails, saying why, on anything else.
 */
class AssertionsTests {

	private static final String SCRAPE = """
			# HELP collector_records_processed_total Records by what happened to them
			# TYPE collector_records_processed_total counter
			collector_records_processed_total{collector="prices",operation="insert"} 5.0
			collector_records_processed_total{collector="prices",operation="duplicate"} 2.0
			# TYPE collector_up gauge
			collector_up{collector="prices"} 1.0 1700000000000
			""";

	@Test
	void metricsByNameAndTags() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Counter.builder("collector.records.processed")
			.tags("operation", "insert", "collector", "a")
			.register(registry)
			.increment(5);
		Counter.builder("collector.records.processed")
			.tags("operation", "duplicate", "collector", "a")
			.register(registry)
			.increment(2);
		Timer.builder("collector.collection.duration").register(registry).record(java.time.Duration.ofMillis(3));
		Gauge.builder("collector.up", () -> 1).register(registry);

		assertThatMetrics(registry).counter("collector.records.processed").withTag("operation", "insert").hasCount(5);
		assertThatMetrics(registry).counter("collector.records.processed").hasCount(7);
		assertThatMetrics(registry).timer("collector.collection.duration").hasCount(1);
		assertThatMetrics(registry).gauge("collector.up").hasValue(1);
		assertThatMetrics(registry).counter("collector.records.processed")
			.withTag("operation", "invalid")
			.doesNotExist();

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatMetrics(registry).counter("collector.records.processed")
				.withTag("operation", "insert")
				.hasCount(4))
			.withMessageContaining("expected count 4.0 but was 5.0");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatMetrics(registry).counter("collector.records.processed")
				.withTag("operation", "invalid")
				.hasCount(0))
			.withMessageContaining("No counter 'collector.records.processed'")
			.withMessageContaining("operation");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatMetrics(registry).gauge("collector.up").hasValue(0));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatMetrics(registry).gauge("collector.up").hasCount(1))
			.withMessageContaining("hasValue");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatMetrics(registry).timer("collector.collection.duration").doesNotExist());
	}

	@Test
	void runResults() {
		CollectionResult ok = result(Status.SUCCEEDED, new RecordCounts(10, 7, 2, 1), null);
		assertThat(ok).succeeded()
			.hasTrigger(Trigger.MANUAL)
			.hasCollected(10)
			.hasInserted(7)
			.hasDuplicates(2)
			.hasInvalid(1);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(ok).failed())
			.withMessageContaining("FAILED");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(ok).hasInserted(8))
			.withMessageContaining("Expected 8 record(s) inserted but there were 7");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(ok).hasTrigger(Trigger.SCHEDULED));

		CollectionResult failed = result(Status.FAILED, RecordCounts.NONE, "HTTP status 503");
		assertThat(failed).failed().hasErrorContaining("503");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(failed).hasErrorContaining("404"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(failed).succeeded())
			.withMessageContaining("HTTP status 503");
	}

	@Test
	void prometheusText() {
		assertThatPrometheus(SCRAPE).hasType("collector_up", "gauge")
			.hasType("collector_records_processed_total", "counter");
		assertThatPrometheus(SCRAPE).sample("collector_records_processed_total")
			.withLabel("operation", "insert")
			.hasValue(5);
		assertThatPrometheus(SCRAPE).sample("collector_records_processed_total").hasValue(7);
		assertThatPrometheus(SCRAPE).sample("collector_up").withLabel("collector", "prices").hasValue(1);
		assertThatPrometheus(SCRAPE).sample("collector_up").withLabel("collector", "other").doesNotExist();

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatPrometheus(SCRAPE).hasType("collector_up", "counter"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatPrometheus(SCRAPE).sample("collector_up").hasValue(0))
			.withMessageContaining("expected value 0.0 but was 1.0");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatPrometheus(SCRAPE).sample("collector_down").exists())
			.withMessageContaining("No sample collector_down");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatPrometheus(SCRAPE).sample("collector_up").doesNotExist());
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("not a sample line {"));
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse(SCRAPE).value("x", "odd"));
	}

	private static CollectionResult result(Status status, RecordCounts counts, String error) {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		CollectionRequest request = new CollectionRequest("run-1", Trigger.MANUAL, now.minusSeconds(60), now, Set.of(),
				false, false);
		return new CollectionResult(request, status, now, now.plusSeconds(1), counts, error);
	}

}
