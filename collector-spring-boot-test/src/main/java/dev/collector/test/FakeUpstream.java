package dev.collector.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scriptable HTTP source for tests: a local server on a random loopback port that
 * answers each path as the test says (JSON, RSS, any status, {@code Retry-After}, a
 * delay, failing N times then succeeding) and records every request.
 *
 * <pre class="code">
 * try (FakeUpstream upstream = FakeUpstream.start()) {
 *     upstream.on("/prices").failTimes(2, UpstreamResponse.status(503).withRetryAfter(Duration.ofSeconds(1)))
 *         .thenRespond(UpstreamResponse.json("[{\"symbol\":\"BTC\"}]"));
 *     // point the collector at upstream.url("/prices"), collect, then
 *     assertThat(upstream.requests("/prices")).hasSize(3);
 * }
 * </pre> A path nobody scripted answers {@code 404}. Query strings do not take part in
 * matching.
 */
public final class FakeUpstream implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Route> routes = new ConcurrentHashMap<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private FakeUpstream(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start a server on a free loopback port.
	 * @return the running server; close it at the end of the test
	 */
	public static FakeUpstream start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			// one thread per request: a delayed answer must not hold up the others
			ExecutorService executor = Executors.newCachedThreadPool();
			server.setExecutor(executor);
			FakeUpstream upstream = new FakeUpstream(server, executor);
			server.createContext("/", upstream::handle);
			server.start();
			return upstream;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the fake upstream", ex);
		}
	}

	/**
	 * Script the answers of a path, replacing what it answered before.
	 * @param path the path, e.g. {@code /feed.xml}
	 * @return the path's script
	 */
	public Route on(String path) {
		Route route = new Route();
		this.routes.put(path, route);
		return route;
	}

	/**
	 * The server's address.
	 * @return e.g. {@code http://127.0.0.1:54321}
	 */
	public String baseUrl() {
		return "http://" + this.server.getAddress().getAddress().getHostAddress() + ":" + port();
	}

	/**
	 * The URL of a path on this server.
	 * @param path the path, starting with {@code /}
	 * @return the URL
	 */
	public String url(String path) {
		return baseUrl() + path;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Every request received so far, in order of arrival.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests received for one path.
	 * @param path the path
	 * @return the requests, in order of arrival
	 */
	public List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/** Forget the recorded requests; the scripts stay. */
	public void clearRequests() {
		this.requests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			this.requests.add(new RecordedRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
					exchange.getRequestHeaders(), body));
			Route route = this.routes.get(uri.getPath());
			UpstreamResponse response = (route != null) ? route.next() : UpstreamResponse.status(404);
			sleep(response.delay());
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] content = response.body();
			boolean empty = content.length == 0 || "HEAD".equals(exchange.getRequestMethod());
			exchange.sendResponseHeaders(response.status(), empty ? -1 : content.length);
			if (!empty) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(content);
				}
			}
		}
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The script of one path: answers used once each, in order, then one answer for every
	 * later request.
	 */
	public static final class Route {

		private final Deque<UpstreamResponse> once = new ArrayDeque<>();

		private UpstreamResponse steady = UpstreamResponse.status(404);

		private Route() {
		}

		/**
		 * Answer every request (after the scripted failures) with this.
		 * @param response the answer
		 * @return this script
		 */
		public synchronized Route respond(UpstreamResponse response) {
			this.steady = response;
			return this;
		}

		/**
		 * Answer the next {@code times} requests with this failure.
		 * @param times how many requests
		 * @param failure the answer, e.g. {@code UpstreamResponse.status(503)}
		 * @return this script
		 */
		public synchronized Route failTimes(int times, UpstreamResponse failure) {
			for (int i = 0; i < times; i++) {
				this.once.add(failure);
			}
			return this;
		}

		/**
		 * Reads as the end of a script: {@code failTimes(2, ...).thenRespond(...)}.
		 * @param response the answer once the failures are used up
		 * @return this script
		 */
		public Route thenRespond(UpstreamResponse response) {
			return respond(response);
		}

		synchronized UpstreamResponse next() {
			UpstreamResponse next = this.once.poll();
			return (next != null) ? next : this.steady;
		}

	}

	/**
	 * A request as the server received it.
	 *
	 * @param method the HTTP method
	 * @param path the path, without the query
	 * @param query the raw query, or {@code null}
	 * @param headers the headers (names are case-insensitive)
	 * @param body the body, empty when there was none
	 */
	public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
			byte[] body) {

		public RecordedRequest {
			headers = Collections.unmodifiableMap(headers);
		}

		/**
		 * The first value of a header.
		 * @param name the header name, in any case
		 * @return the value, or {@code null}
		 */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.flatMap((entry) -> entry.getValue().stream())
				.findFirst()
				.orElse(null);
		}

	}

}
