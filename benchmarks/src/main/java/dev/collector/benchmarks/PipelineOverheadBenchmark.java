package dev.collector.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.collector.collect.CollectionPipeline;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.RecordCounts;
import dev.collector.observation.CollectionRunContext;
import dev.collector.observation.CollectorObservations;
import dev.collector.collect.WriteResult;

/**
 * The framework's own cost per record: stream, processors, Bean Validation, batching and
 * metrics, with a sink that does nothing. The records are built before, so their creation
 * is not measured. {@link #perRecordObserved()} is the same pipeline observed as the
 * runner observes it with tracing on: {@code collector.run} around it,
 * {@code collector.source} and one {@code collector.sink.write} per batch, each a timer
 * and an OpenTelemetry span (every trace sampled).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xmx512m" })
public class PipelineOverheadBenchmark {

	static final int RECORDS = 10_000;

	private CollectionPipeline<BenchItem> pipeline;

	private CollectionPipeline<BenchItem> observedPipeline;

	private CollectorObservations observations;

	@Setup
	public void setUp() {
		List<BenchItem> records = BenchItem.range(0, RECORDS).toList();
		this.pipeline = Pipelines.pipeline(records::stream, (batch) -> WriteResult.of(batch.size(), 0),
				new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		this.observedPipeline = Pipelines.pipeline(records::stream, (batch) -> WriteResult.of(batch.size(), 0), meters);
		this.observations = new CollectorObservations(ObservedPipelines.tracedRegistry(meters));
		this.observedPipeline.setObservations(this.observations);
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public RecordCounts perRecord() throws Exception {
		return this.pipeline.execute(Pipelines.request());
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public RecordCounts perRecordObserved() throws Exception {
		CollectionRequest request = Pipelines.request();
		CollectionRunContext context = new CollectionRunContext("bench", request.trigger().label(), request.runId(),
				false);
		context.setWindow(request.from(), request.to());
		Observation run = this.observations.run(context).start();
		try (Observation.Scope scope = run.openScope()) {
			RecordCounts counts = this.observedPipeline.execute(request);
			context.setOutcome("succeeded");
			return counts;
		}
		finally {
			run.stop();
		}
	}

}
