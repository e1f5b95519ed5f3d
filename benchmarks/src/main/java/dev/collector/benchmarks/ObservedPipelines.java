package dev.collector.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.util.Collection;

/**
 * An observation registry as Boot builds it with tracing on: a timer per observation
 * (Boot's meter handler) and a span per observation from the OpenTelemetry bridge, every
 * trace sampled, batched to an exporter that drops the spans.
 */
final class ObservedPipelines {

	private ObservedPipelines() {
	}

	static ObservationRegistry tracedRegistry(MeterRegistry meters) {
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOn())
			.addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build())
			.build();
		OtelTracer tracer = new OtelTracer(provider.get("collector-benchmark"), new OtelCurrentTraceContext(),
				(event) -> {
				});
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters))
			.observationHandler(new DefaultTracingObservationHandler(tracer));
		return registry;
	}

	private static final class DroppingExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
