package dev.collector.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link PipelineOverheadBenchmark} with JMH and appends its percentiles per record.
 * Argument: output file.
 */
public final class OverheadReport {

	private OverheadReport() {
	}

	public static void main(String[] args) throws Exception {
		Collection<RunResult> results = new Runner(
				new OptionsBuilder().include(PipelineOverheadBenchmark.class.getSimpleName()).build())
			.run();
		StringBuilder report = new StringBuilder("## Framework overhead per record (JMH)\n\n");
		for (RunResult result : results) {
			Statistics statistics = result.getPrimaryResult().getStatistics();
			boolean observed = result.getParams().getBenchmark().endsWith("Observed");
			report.append(String.format(Locale.ROOT,
					"Pipeline with a no-op sink, %,d records per collection (stream, ingestion-time processor, Bean "
							+ "Validation, batching, metrics%s): median **%.3f µs** per record, p90 %.3f µs, p99 %.3f µs "
							+ "(JMH sample time, 1 fork, 3 × 2 s warm-up, 5 × 2 s measurement). Goal: median < 2 µs.%n%n",
					PipelineOverheadBenchmark.RECORDS,
					observed ? "; observed and traced: collector.run, collector.source, collector.sink.write as "
							+ "timers and OpenTelemetry spans, every trace sampled" : "",
					statistics.getPercentile(50), statistics.getPercentile(90), statistics.getPercentile(99)));
		}
		System.out.print(report);
		Files.writeString(Path.of(args[0]), report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

}
