package dev.collector.tracing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Collector;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source called through the starter's {@code collectorRestClient}: the HTTP request is
 * a client span under {@code collector.source}, and the source receives the trace in its
 * {@code traceparent} header.
 */
class SourcePropagationTests extends AbstractTracedTests {

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private final HttpCollector collector = new HttpCollector();

	private HttpServer upstream;

	@Override
	protected Collector<Reading> collector() {
		return this.collector;
	}

	@BeforeEach
	void startUpstream() throws Exception {
		this.upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.upstream.createContext("/readings", (exchange) -> {
			try (exchange) {
				String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
				this.traceparents.add(String.valueOf(traceparent));
				byte[] body = "21.5".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
		});
		this.upstream.start();
		this.collector.client = this.context.getBean("collectorRestClient", RestClient.class);
		this.collector.url = "http://127.0.0.1:" + this.upstream.getAddress().getPort() + "/readings";
	}

	@AfterEach
	void stopUpstream() {
		this.upstream.stop(0);
	}

	@Test
	void sourceRequestIsAChildOfTheSourceAndCarriesTheTrace() throws Exception {
		CollectionResult result = this.context.getBean(CollectionRunner.class).run(Trigger.MANUAL);
		assertThat(result.succeeded()).isTrue();
		flushSpans();
		Span run = SpanTree.named(this.receiver.spans(), "collect readings").orElseThrow();
		SpanTree tree = SpanTree.of(this.receiver.spans(), run.getTraceId());
		Span source = tree.children(run).get(0);
		assertThat(source.getName()).isEqualTo("source readings");
		List<Span> requests = tree.children(source);
		assertThat(requests).hasSize(1);
		Span request = requests.get(0);
		assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
		assertThat(SpanTree.attributes(request)).containsEntry("http.url", this.collector.url);
		// W3C: 00-<trace id>-<parent span id>-<flags>: the source sees the client span
		assertThat(this.traceparents).containsExactly(
				"00-" + hex(run.getTraceId().toByteArray()) + "-" + hex(request.getSpanId().toByteArray()) + "-01");
		Documentation.write("source-request-trace.txt", tree.render());
	}

	static class HttpCollector implements Collector<Reading> {

		volatile RestClient client;

		volatile String url;

		@Override
		public Stream<Reading> collect(CollectionRequest request) throws IOException {
			String celsius = this.client.get().uri(this.url).retrieve().body(String.class);
			return Stream.of(Reading.of("s1", Instant.now(), Double.parseDouble(celsius)));
		}

		@Override
		public Class<Reading> recordType() {
			return Reading.class;
		}

	}

}
