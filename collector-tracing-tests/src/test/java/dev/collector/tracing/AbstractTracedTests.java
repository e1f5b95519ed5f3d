package dev.collector.tracing;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.context.ConfigurableApplicationContext;

import dev.collector.collect.Collector;
import dev.collector.fixtures.Reading;

/**
 * The fixture of the tracing tests: an OTLP receiver and a
 * {@link TracedCollectorApplication} exporting to it, started before each test around the
 * test's collector and closed after it.
 */
abstract class AbstractTracedTests {

	protected OtlpReceiver receiver;

	protected ConfigurableApplicationContext context;

	/**
	 * The collector the application runs (a field of the test, so created before the
	 * application starts).
	 * @return the test's collector
	 */
	protected abstract Collector<Reading> collector();

	@BeforeEach
	void startTracedApplication() throws Exception {
		this.receiver = OtlpReceiver.start();
		this.context = TracedCollectorApplication.start(collector(), this.receiver);
	}

	@AfterEach
	void stopTracedApplication() {
		if (this.context != null) {
			this.context.close();
		}
		this.receiver.close();
	}

	/**
	 * Export the spans ended so far to the receiver.
	 */
	protected void flushSpans() {
		this.context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
	}

	/**
	 * The hex form of a trace or span id, as in logs and {@code traceparent}.
	 * @param bytes the id
	 * @return its lower-case hex
	 */
	static String hex(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			text.append(String.format("%02x", b));
		}
		return text.toString();
	}

}
