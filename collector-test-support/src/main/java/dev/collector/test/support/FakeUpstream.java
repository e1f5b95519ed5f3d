package dev.collector.test.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scriptable HTTP source for tests: a local server on a random loopback port that
 * answers each request as the test says (JSON, RSS, any status, {@code Retry-After}, a
 * delay, answers in order, a function of the request) and records every request.
 * <p>
 * A route is a path, optionally with query parameters: {@code on("/rates")} answers every
 * request to {@code /rates}, {@code on("/rates?symbol=EUR&page=2")} only those that carry
 * at least these parameters with these values (in any order, decoded). When several
 * routes match, the one with the most parameters wins. A request no route matches answers
 * {@code 404}.
 *
 * <pre class="code">
 * try (FakeUpstream upstream = FakeUpstream.start()) {
 *     upstream.on("/rates?page=1").respond(UpstreamResponse.json("[...]"));
 *     upstream.on("/rates?page=2")
 *         .respond(UpstreamResponse.status(429).withRetryAfter(Duration.ofSeconds(1)), UpstreamResponse.json("[]"));
 *     // point the collector at upstream.url("/rates"), collect, then
 *     assertThat(upstream.requests("/rates?page=2")).hasSize(2);
 * }
 * </pre>
 */
public final class FakeUpstream implements AutoCloseable {

	private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
		.comparingInt((Route route) -> route.target.parameterCount())
		.reversed();

	private final HttpServer server;

	private final ExecutorService executor;

	/**
	 * Replaced whole, never changed in place: a request that arrives while a route is
	 * scripted again sees the old script or the new one, never none (a 404).
	 */
	private volatile List<Route> routes = List.of();

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
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
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
	 * Script the answers of a route, replacing what the same route answered before.
	 * @param target a path, e.g. {@code /feed.xml}, optionally with the query parameters
	 * a request must carry, e.g. {@code /rates?symbol=EUR&page=2}
	 * @return the route's script
	 */
	public synchronized Route on(String target) {
		Route route = new Route(RequestTarget.parse(target));
		List<Route> next = new ArrayList<>(this.routes);
		next.removeIf((existing) -> existing.target.equals(route.target));
		next.add(route);
		next.sort(MOST_SPECIFIC_FIRST);
		this.routes = List.copyOf(next);
		return route;
	}

	/**
	 * Forget every route: every request answers {@code 404} until scripted again. The
	 * recorded requests stay.
	 */
	public synchronized void clearRoutes() {
		this.routes = List.of();
	}

	/** Forget the routes and the recorded requests: the server as it started. */
	public void reset() {
		clearRoutes();
		clearRequests();
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
	 * @param path the path, starting with {@code /}, optionally with a query
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
	 * The requests received for a path, or for a path with query parameters, matched as a
	 * route matches them.
	 * @param target e.g. {@code /rates} or {@code /rates?symbol=EUR&page=2}
	 * @return the requests, in order of arrival
	 */
	public List<RecordedRequest> requests(String target) {
		RequestTarget wanted = RequestTarget.parse(target);
		return this.requests.stream().filter(wanted::matches).toList();
	}

	/** Forget the recorded requests; the routes stay. */
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
			long arrived = System.nanoTime();
			URI uri = exchange.getRequestURI();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
					exchange.getRequestHeaders(), body, arrived);
			this.requests.add(request);
			UpstreamResponse response = this.routes.stream()
				.filter((route) -> route.target.matches(request))
				.map((route) -> route.next(request))
				.filter(Objects::nonNull)
				.findFirst()
				.orElseGet(() -> UpstreamResponse.status(404));
			if (!sleep(response.delay())) {
				return;
			}
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
		catch (IOException ex) {
			// the client gave up (a timeout): nobody is left to answer
		}
	}

	private static boolean sleep(Duration delay) {
		if (delay.isZero()) {
			return true;
		}
		try {
			Thread.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The script of one route: answers used once each, in order, then one answer (or a
	 * function of the request) for every later request.
	 */
	public static final class Route {

		private final RequestTarget target;

		private final Deque<UpstreamResponse> once = new ArrayDeque<>();

		private Function<RecordedRequest, UpstreamResponse> steady;

		private Route(RequestTarget target) {
			this.target = target;
		}

		/**
		 * Answer the next requests with these, in order, then every later one with the
		 * last: {@code respond(status(500), status(429), json("[]"))}. Answers already
		 * scripted to come once ({@link #failTimes}) come first.
		 * @param first the first answer
		 * @param then the answers after it
		 * @return this script
		 */
		public synchronized Route respond(UpstreamResponse first, UpstreamResponse... then) {
			Deque<UpstreamResponse> answers = new ArrayDeque<>();
			answers.add(Objects.requireNonNull(first, "first"));
			answers.addAll(List.of(then));
			UpstreamResponse last = answers.pollLast();
			this.once.addAll(answers);
			this.steady = (request) -> last;
			return this;
		}

		/**
		 * Answer every request (after the answers scripted to come once) with what a
		 * function of the request gives: pages generated from the query, an echo, ...
		 * @param answer the function
		 * @return this script
		 */
		public synchronized Route respondWith(Function<RecordedRequest, UpstreamResponse> answer) {
			this.steady = Objects.requireNonNull(answer, "answer");
			return this;
		}

		/**
		 * Answer the next {@code times} requests with this failure, before what the route
		 * answers otherwise.
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
		 * Reads as the end of a script: {@code failTimes(2, ...).thenRespond(...)}. Keeps
		 * the failures scripted before.
		 * @param response the answer once the failures are used up
		 * @return this script
		 */
		public synchronized Route thenRespond(UpstreamResponse response) {
			Objects.requireNonNull(response, "response");
			this.steady = (request) -> response;
			return this;
		}

		/** The next answer, {@code null} when this route has none left to give. */
		synchronized UpstreamResponse next(RecordedRequest request) {
			UpstreamResponse next = this.once.poll();
			return (next != null || this.steady == null) ? next : this.steady.apply(request);
		}

	}

}
