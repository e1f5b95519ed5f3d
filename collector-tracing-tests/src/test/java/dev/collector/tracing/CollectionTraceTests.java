package dev.collector.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Collector;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.logs.LogEntry;
import dev.collector.logs.LogLevel;
import dev.collector.logs.LogRingBuffer;
import dev.collector.ops.RunTraces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collection exported to a real OTLP receiver: one trace whose root is the run, with
 * the source call and one write per batch as children; a failed run is an error.
 */
@ExtendWith(OutputCaptureExtension.class)
class CollectionTraceTests extends AbstractTracedTests {

	private final ScriptedCollector collector = new ScriptedCollector();

	@Override
	protected Collector<Reading> collector() {
		return this.collector;
	}

	@Test
	void collectionIsOneTraceOfTheRunItsSourceAndItsWrites(CapturedOutput output) throws Exception {
		this.collector.returning(ScriptedCollector.readings(Instant.now().minusSeconds(60), 5));
		CollectionResult result = this.context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
		assertThat(result.succeeded()).isTrue();

		SpanTree tree = treeOf("collect readings");
		Span run = tree.root();
		assertThat(run.getName()).isEqualTo("collect readings");
		assertThat(run.getStatus().getCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(SpanTree.attributes(run)).containsEntry("collector", "readings")
			.containsEntry("trigger", "manual")
			.containsEntry("outcome", "succeeded")
			.containsEntry("run.id", result.runId())
			.containsEntry("window", result.request().from() + "/" + result.request().to());
		List<Span> children = tree.children(run);
		assertThat(children).extracting(Span::getName)
			.containsExactly("source readings", "write readings", "write readings", "write readings");
		assertThat(children.subList(1, 4)).extracting((span) -> SpanTree.attributes(span).get("records"))
			.containsExactly("2", "2", "1");
		assertThat(SpanTree.attributes(children.get(3))).containsEntry("inserted", "1")
			.containsEntry("duplicates", "0")
			.containsEntry("rejected", "0")
			.containsEntry("run.id", result.runId());
		Documentation.write("collection-trace.txt", tree.render());
		// Boot's meter handler makes a timer of each observation, with the
		// low-cardinality
		// keys as tags
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("collector.run")
			.tags("collector", "readings", "trigger", "manual", "outcome", "succeeded")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get("collector.sink.write").tags("collector", "readings").timer().count()).isEqualTo(3);

		// every line the run logged carries the run's trace
		String traceId = hex(run.getTraceId().toByteArray());
		List<String> runLines = output.getOut()
			.lines()
			.filter((line) -> line.contains("\"run_id\":\"" + result.runId() + "\""))
			.toList();
		assertThat(runLines).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(
					(line) -> assertThat(line).contains("\"trace_id\":\"" + traceId + "\"").contains("\"span_id\""));
		// and so does every entry of GET /logs (the ring buffer keeps the MDC)
		List<LogEntry> entries = this.context.getBean(LogRingBuffer.class)
			.newest(LogLevel.INFO, Instant.EPOCH, 1000)
			.stream()
			.filter((entry) -> result.runId().equals(entry.context().get("run_id")))
			.toList();
		assertThat(entries).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(
					(entry) -> assertThat(entry.context()).containsEntry("trace_id", traceId).containsKey("span_id"));
		// GET /status links the run to its trace
		RunTraces traces = this.context.getBean(RunTraces.class);
		assertThat(traces.traceId(result.runId())).isEqualTo(traceId);
		assertThat(traces.status()).asList().contains(Map.of("run_id", result.runId(), "trace_id", traceId));
	}

	@Test
	void failedRunIsATraceWithErrors() throws Exception {
		this.collector.failing("source down");
		CollectionResult result = this.context.getBean(CollectionRunner.class).run(Trigger.SCHEDULED);
		assertThat(result.succeeded()).isFalse();

		SpanTree tree = treeOf("collect readings");
		Span run = tree.root();
		assertThat(run.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(SpanTree.attributes(run)).containsEntry("outcome", "failed").containsEntry("trigger", "scheduled");
		Span source = tree.children(run).get(0);
		assertThat(source.getName()).isEqualTo("source readings");
		assertThat(source.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(source.getStatus().getMessage()).contains("source down");
		Documentation.write("failed-collection-trace.txt", tree.render());
	}

	private SpanTree treeOf(String rootName) throws InterruptedException {
		flushSpans();
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (SpanTree.named(this.receiver.spans(), rootName).isEmpty() && System.nanoTime() < end) {
			Thread.sleep(50);
		}
		Span root = SpanTree.named(this.receiver.spans(), rootName).orElseThrow();
		return SpanTree.of(this.receiver.spans(), root.getTraceId());
	}

}
