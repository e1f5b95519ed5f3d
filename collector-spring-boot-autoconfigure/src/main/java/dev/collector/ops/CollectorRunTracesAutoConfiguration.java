package dev.collector.ops;

import io.micrometer.tracing.Tracer;

import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With a tracing bridge (OpenTelemetry or Brave; not Boot's no-op tracer), links recent
 * runs to their traces in GET /status ({@link RunTraces}).
 */
@AutoConfiguration(after = MicrometerTracingAutoConfiguration.class)
@ConditionalOnClass(Tracer.class)
@Conditional(CollectorRunTracesAutoConfiguration.OnTracingBridge.class)
public class CollectorRunTracesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunTraces collectorRunTraces(Tracer tracer) {
		return new RunTraces(tracer);
	}

	static class OnTracingBridge extends AnyNestedCondition {

		OnTracingBridge() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(type = "io.micrometer.tracing.otel.bridge.OtelTracer")
		static class OpenTelemetry {

		}

		@ConditionalOnBean(type = "io.micrometer.tracing.brave.bridge.BraveTracer")
		static class Brave {

		}

	}

}
