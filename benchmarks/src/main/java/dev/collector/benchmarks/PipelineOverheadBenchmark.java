package dev.collector.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

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
import dev.collector.collect.RecordCounts;
import dev.collector.collect.WriteResult;

/**
 * The framework's own cost per record: stream, processors, Bean Validation, batching and
 * metrics, with a sink that does nothing. The records are built before, so their creation
 * is not measured.
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

	@Setup
	public void setUp() {
		List<BenchItem> records = BenchItem.range(0, RECORDS).toList();
		this.pipeline = Pipelines.pipeline(records::stream, (batch) -> WriteResult.of(batch.size(), 0),
				new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public RecordCounts perRecord() throws Exception {
		return this.pipeline.execute(Pipelines.request());
	}

}
