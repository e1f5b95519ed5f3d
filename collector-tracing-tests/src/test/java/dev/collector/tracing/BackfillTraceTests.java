package dev.collector.tracing;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;

import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.BackfillStatus;
import dev.collector.collect.Collector;
import dev.collector.fixtures.DailyCollector;
import dev.collector.fixtures.Reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A backfill of two chunks exported to a real OTLP receiver: a trace per chunk, each the
 * parent of the run that collects its periods, linked by the task id.
 */
class BackfillTraceTests extends AbstractTracedTests {

	private final DailyCollector collector = new DailyCollector("s1");

	@Override
	protected Collector<Reading> collector() {
		return this.collector;
	}

	@Test
	void eachChunkIsATraceOfItsRunLinkedToTheTaskById() throws Exception {
		BackfillService backfill = this.context.getBean(BackfillService.class);
		// six days in chunks of three days: two chunks
		String taskId = backfill.start(new BackfillRequest("2024-01-01", "2024-01-06", List.of("s1"), false, false))
			.task()
			.taskId();
		awaitEnd(backfill, taskId);
		assertThat(backfill.progress(taskId).status()).isEqualTo(BackfillStatus.SUCCEEDED);
		List<Span> chunks = chunkSpans(2);
		assertThat(chunks).hasSize(2);
		assertThat(chunks).extracting((chunk) -> SpanTree.attributes(chunk).get("chunk"))
			.containsExactlyInAnyOrder(taskId + "/0", taskId + "/1");
		assertThat(chunks.stream().map(Span::getTraceId).collect(Collectors.toSet())).hasSize(2);
		StringBuilder rendered = new StringBuilder();
		for (Span chunk : chunks) {
			assertThat(SpanTree.attributes(chunk)).containsEntry("task.id", taskId)
				.containsEntry("symbol", "s1")
				.containsEntry("collector", "readings")
				.containsEntry("outcome", "succeeded");
			assertThat(chunk.getStatus().getCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
			SpanTree tree = SpanTree.of(this.receiver.spans(), chunk.getTraceId());
			assertThat(tree.root()).isEqualTo(chunk);
			List<Span> runs = tree.children(chunk);
			assertThat(runs).extracting(Span::getName).containsExactly("collect readings");
			Span run = runs.get(0);
			assertThat(SpanTree.attributes(run)).containsEntry("trigger", "backfill")
				.containsEntry("outcome", "succeeded");
			// 3 days of 4 readings in batches of 2
			assertThat(tree.children(run)).extracting(Span::getName)
				.containsExactly("source readings", "write readings", "write readings", "write readings",
						"write readings", "write readings", "write readings");
			rendered.append(tree.render());
		}
		Documentation.write("backfill-trace.txt", rendered.toString());
	}

	@Test
	void failedChunkIsATraceWithErrors() throws Exception {
		this.collector.failing(java.time.LocalDate.parse("2024-02-02"));
		BackfillService backfill = this.context.getBean(BackfillService.class);
		String taskId = backfill.start(new BackfillRequest("2024-02-01", "2024-02-03", List.of("s1"), false, false))
			.task()
			.taskId();
		awaitEnd(backfill, taskId);
		assertThat(backfill.progress(taskId).status()).isEqualTo(BackfillStatus.FAILED);
		Span chunk = chunkSpans(1).get(0);
		assertThat(chunk.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(SpanTree.attributes(chunk)).containsEntry("outcome", "failed");
		ByteString traceId = chunk.getTraceId();
		SpanTree tree = SpanTree.of(this.receiver.spans(), traceId);
		Span run = tree.children(chunk).get(0);
		assertThat(run.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(SpanTree.attributes(run)).containsEntry("outcome", "failed").containsEntry("trigger", "backfill");
	}

	/**
	 * The exported chunk spans, once there are as many as expected: the task's end is
	 * recorded inside the last chunk's span, so that span may end (and be exported) a
	 * moment after the task is seen to have ended.
	 */
	private List<Span> chunkSpans(int expected) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			flushSpans();
			List<Span> chunks = this.receiver.spans()
				.stream()
				.filter((span) -> span.getName().equals("backfill readings"))
				.toList();
			if (chunks.size() >= expected || System.nanoTime() > end) {
				return chunks;
			}
			Thread.sleep(50);
		}
	}

	private static void awaitEnd(BackfillService backfill, String taskId) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (backfill.progress(taskId).task().finalStatus() == null) {
			if (System.nanoTime() > end) {
				fail("Timed out waiting for backfill " + taskId);
			}
			Thread.sleep(50);
		}
	}

}
