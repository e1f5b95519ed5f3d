package dev.collector.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validation;

import dev.collector.actuate.RunMetrics;
import dev.collector.collect.CollectionPipeline;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectorStatus;
import dev.collector.collect.CompositeCollectionObserver;
import dev.collector.collect.IngestionTimestampProcessor;
import dev.collector.collect.RecordProcessor;
import dev.collector.collect.RecordSink;
import dev.collector.collect.RecordValidator;
import dev.collector.collect.Trigger;

/**
 * The framework's pipeline as the auto-configuration builds it: the ingestion-time
 * processor, Bean Validation, batches of 1,000, metrics and status observers.
 */
public final class Pipelines {

	public static final int BATCH_SIZE = 1000;

	private Pipelines() {
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static CollectionPipeline<BenchItem> pipeline(Supplier<Stream<BenchItem>> records,
			RecordSink<BenchItem> sink, MeterRegistry registry) {
		return pipeline(records, sink, registry, true);
	}

	/**
	 * The same pipeline, optionally without Bean Validation: to show what validation
	 * costs on the write path (the starter always validates).
	 */
	public static CollectionPipeline<BenchItem> pipeline(Supplier<Stream<BenchItem>> records,
			RecordSink<BenchItem> sink, MeterRegistry registry, boolean validate) {
		Collector<BenchItem> collector = new Collector<>() {
			@Override
			public Stream<BenchItem> collect(CollectionRequest request) {
				return records.get();
			}

			@Override
			public Class<BenchItem> recordType() {
				return BenchItem.class;
			}
		};
		CollectorStatus status = new CollectorStatus();
		RunMetrics metrics = new RunMetrics(registry, "collector", "bench", status);
		List<RecordProcessor<BenchItem>> processors = List
			.of((RecordProcessor) new IngestionTimestampProcessor(Clock.systemUTC()));
		return new CollectionPipeline<>("bench", collector, processors,
				new RecordValidator(validate ? Validation.buildDefaultValidatorFactory().getValidator() : null), sink,
				(name, runId, quarantined) -> {
					throw new IllegalStateException("benchmark records are valid");
				}, new ObjectMapper().registerModule(new JavaTimeModule()),
				new CompositeCollectionObserver(List.of(status, metrics)), BATCH_SIZE);
	}

	public static CollectionRequest request() {
		return CollectionRequest.of(Trigger.MANUAL, Instant.parse("2024-01-01T00:00:00Z"), Instant.now());
	}

}
