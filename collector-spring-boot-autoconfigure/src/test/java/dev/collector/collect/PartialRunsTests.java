package dev.collector.collect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;

import dev.collector.actuate.RunMetrics;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.InMemoryStores;
import dev.collector.fixtures.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs whose parts fail, over a fake upstream on loopback that serves good, broken, slow
 * and empty parts: the good parts are stored, the run is partial, the checkpoint moves,
 * and every place a run's outcome shows says so. A source that fails as a whole (every
 * part, or nobody listening) still fails the run.
 */
class PartialRunsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final InMemoryStores stores = new InMemoryStores();

	private final InMemorySink sink = new InMemorySink();

	private final CollectorStatus status = new CollectorStatus();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private HttpServer upstream;

	@BeforeEach
	void startUpstream() throws IOException {
		this.upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.upstream.createContext("/parts/", (exchange) -> {
			String part = exchange.getRequestURI().getPath().substring("/parts/".length());
			String body = switch (part) {
				case "good" -> lines(part, 3);
				// one valid line, then something that is not a reading
				case "broken" -> lines(part, 1) + "<html>Bad gateway</html>\n";
				case "slow" -> {
					sleep(300);
					yield lines(part, 2);
				}
				case "empty" -> "";
				default -> null;
			};
			byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.upstream.start();
	}

	@AfterEach
	void stop() {
		this.upstream.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void aBrokenPartFailsAloneTheOthersAreStoredAndTheRunIsPartial() {
		HttpParts collector = new HttpParts(this.upstream, "good", "broken", "slow", "empty");

		CollectionResult result = runner(collector, 2).run(Trigger.SCHEDULED);

		assertThat(result.status()).isEqualTo(CollectionResult.Status.PARTIAL);
		assertThat(result.partFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.part()).isEqualTo("broken");
			assertThat(failure.error()).contains("not a reading");
			assertThat(failure.from()).isEqualTo(result.request().from());
		});
		// good (3), slow (2) and the line the broken part served before it broke
		assertThat(this.sink.stored).hasSize(6);
		assertThat(result.counts().collected()).isEqualTo(6);
		assertThat(result.error()).startsWith("1 part(s) failed: broken: ");
		// the checkpoint moves for what succeeded; the failed part is the ledger's to
		// retry
		assertThat(this.stores.checkpoints).containsEntry("test", NOW);
		assertThat(this.events).singleElement().isInstanceOf(CollectionCompletedEvent.class);
		assertThat(this.stores.finished).singleElement()
			.satisfies((run) -> assertThat(run.status()).isEqualTo(CollectionResult.Status.PARTIAL));
		assertThat(this.status.snapshot().consecutiveFailures()).isZero();
		assertThat(this.status.snapshot().lastSuccess()).isSameAs(result);
		assertThat(this.status.snapshot().failingParts().count()).isOne();
		assertThat(counter("collector.collection.requests", "status", "partial")).isOne();
		assertThat(counter("collector.part.failures", "trigger", "scheduled")).isOne();
		assertThat(this.registry.get("collector.up").gauge().value()).isOne();
		assertThat(this.registry.get("collector.failing.parts").gauge().value()).isOne();
	}

	@Test
	void everyPartFailingFailsTheRunAndKeepsWhatWasRead() {
		HttpParts collector = new HttpParts(this.upstream, "broken", "missing");

		CollectionResult result = runner(collector, 100).run(Trigger.SCHEDULED);

		assertThat(result.status()).isEqualTo(CollectionResult.Status.FAILED);
		assertThat(result.error()).contains("every symbol failed");
		assertThat(result.partFailureCount()).isEqualTo(2);
		// the line read from the broken part is written all the same
		assertThat(this.sink.stored).hasSize(1);
		assertThat(result.counts().collected()).isOne();
		assertThat(this.stores.checkpoints).containsEntry("test", result.request().from());
		assertThat(this.events).singleElement().isInstanceOf(CollectionFailedEvent.class);
		assertThat(counter("collector.collection.requests", "status", "error")).isOne();
	}

	@Test
	void aSourceNobodyListensOnFailsTheRun() {
		HttpParts collector = new HttpParts(this.upstream, "good", "slow");
		this.upstream.stop(0);

		CollectionResult result = runner(collector, 100).run(Trigger.SCHEDULED);

		assertThat(result.status()).isEqualTo(CollectionResult.Status.FAILED);
		assertThat(result.partFailures()).extracting(PartFailure::part).containsExactly("good", "slow");
		assertThat(this.sink.stored).isEmpty();
	}

	@Test
	void aCollectorReportsAFailedPageThroughItsRequestAndGoesOn() {
		Collector<Reading> pages = new Collector<>() {
			@Override
			public Stream<Reading> collect(CollectionRequest request) {
				return Stream.of(1, 2, 3).flatMap((page) -> {
					if (page == 2) {
						request.failed("page-2", new IllegalStateException("HTTP 500"));
						return Stream.empty();
					}
					return Stream.of(Reading.of("s1", NOW.minusSeconds(page), page));
				});
			}

			@Override
			public Class<Reading> recordType() {
				return Reading.class;
			}
		};

		CollectionResult result = runner(pages, 100).run(Trigger.MANUAL);

		assertThat(result.status()).isEqualTo(CollectionResult.Status.PARTIAL);
		assertThat(result.partFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.error()).isEqualTo("IllegalStateException: HTTP 500"));
		assertThat(this.sink.stored).hasSize(2);
	}

	@Test
	void aPartialDryRunWritesNothing() {
		HttpParts collector = new HttpParts(this.upstream, "good", "broken");

		CollectionResult result = runner(collector, 100).submit(Trigger.MANUAL, true).result().join();

		assertThat(result.status()).isEqualTo(CollectionResult.Status.PARTIAL);
		assertThat(this.sink.stored).isEmpty();
		assertThat(this.stores.checkpoints).isEmpty();
	}

	private double counter(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private CollectionRunner runner(Collector<Reading> collector, int batchSize) {
		RunMetrics metrics = new RunMetrics(this.registry, "collector", "test", this.status);
		CollectionObserver observers = new CompositeCollectionObserver(List.of(this.status, metrics));
		CollectionPipeline<Reading> pipeline = new CollectionPipeline<>("test", collector, List.of(),
				new RecordValidator(Validation.buildDefaultValidatorFactory().getValidator()), this.sink, this.stores,
				new ObjectMapper().findAndRegisterModules(), observers, batchSize);
		return new CollectionRunner("test", "i-1", pipeline, this.stores, this.stores, observers,
				(event) -> this.events.add((ApplicationEvent) event), Clock.fixed(NOW, ZoneOffset.UTC), this.executor,
				Duration.ofMinutes(15));
	}

	private static String lines(String part, int count) {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < count; i++) {
			lines.append(part)
				.append(',')
				.append(NOW.minusSeconds(i + 1).getEpochSecond())
				.append(',')
				.append(i)
				.append('\n');
		}
		return lines.toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reads each symbol from {@code /parts/<symbol>} of the upstream, lazily, line by
	 * line ({@code sensor,epochSecond,celsius}); called once per symbol.
	 */
	static final class HttpParts implements Collector<Reading> {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		private final String base;

		private final Set<String> symbols;

		HttpParts(HttpServer upstream, String... symbols) {
			this.base = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/parts/";
			this.symbols = Set.of(symbols);
		}

		@Override
		public boolean collectsPerSymbol() {
			return true;
		}

		@Override
		public Set<String> symbols() {
			return this.symbols;
		}

		@Override
		public Stream<Reading> collect(CollectionRequest request) throws Exception {
			String symbol = request.symbols().iterator().next();
			HttpResponse<java.io.InputStream> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.base + symbol)).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode() + " for " + symbol);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
			return reader.lines().map(HttpParts::reading).onClose(() -> {
				try {
					reader.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}

		private static Reading reading(String line) {
			String[] fields = line.split(",");
			if (fields.length != 3) {
				throw new IllegalArgumentException("not a reading: " + line);
			}
			return Reading.of(fields[0], Instant.ofEpochSecond(Long.parseLong(fields[1])),
					Double.parseDouble(fields[2]));
		}

	}

}
