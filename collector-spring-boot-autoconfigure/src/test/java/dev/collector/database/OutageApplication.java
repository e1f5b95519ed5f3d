package dev.collector.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.fixtures.LoggingLeftAlone;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.TcpProxy;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

/**
 * A collector service as a user runs it: web server, Actuator probes, db-scheduler, and
 * Spring Boot's own DataSource (HikariCP with its defaults: a 30 s connection timeout),
 * whose JDBC URL points at a {@link TcpProxy} in front of a test schema.
 */
final class OutageApplication implements AutoCloseable {

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:(\\w+)://([^/:?]+)(?::(\\d+))?(/[^?]*)?(\\?.*)?");

	final TcpProxy proxy;

	final SecondsCollector collector = new SecondsCollector();

	final ConfigurableApplicationContext context;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	OutageApplication(TestSchema schema, String... properties) throws Exception {
		HikariDataSource admin = (HikariDataSource) schema.dataSource();
		Matcher url = JDBC_URL.matcher(admin.getJdbcUrl());
		if (!url.matches()) {
			throw new IllegalStateException("Unexpected JDBC URL " + admin.getJdbcUrl());
		}
		int port = (url.group(3) != null) ? Integer.parseInt(url.group(3))
				: (schema.database() == TestDatabase.POSTGRESQL) ? 5432 : 3306;
		this.proxy = TcpProxy.start(url.group(2), port);
		String proxied = "jdbc:" + url.group(1) + "://127.0.0.1:" + this.proxy.port();
		proxied += (schema.database() == TestDatabase.POSTGRESQL) ? url.group(4) + "?currentSchema=" + schema.name()
				: "/" + schema.name();
		List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "server.port=0",
				"spring.datasource.url=" + proxied, "spring.datasource.username=" + admin.getUsername(),
				"spring.datasource.password=" + ((admin.getPassword() != null) ? admin.getPassword() : ""),
				"collector.name=readings", "collector.jdbc.initialize-schema=always",
				"collector.backfill.polling-interval=200ms", "logging.level.com.github.kagkarlsson=error",
				"logging.level.com.zaxxer.hikari=error", "logging.level.dev.collector.web.RequestLoggingFilter=warn"));
		all.addAll(List.of(properties));
		// the outage tests run beside other tests
		this.context = LoggingLeftAlone.apply(new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET))
			.properties(all.toArray(String[]::new))
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("collector",
					SecondsCollector.class, () -> this.collector))
			.run();
		this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	Answer post(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private Answer send(HttpRequest.Builder request) {
		HttpRequest built = request.timeout(Duration.ofSeconds(40)).build();
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
			return new Answer(built.method() + " " + built.uri().getPath(), response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null), response.body(),
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (Exception ex) {
			return new Answer(built.method() + " " + built.uri().getPath(), -1, "", null, ex.toString(),
					Duration.ofNanos(System.nanoTime() - started));
		}
	}

	@Override
	public void close() {
		this.context.close();
		this.proxy.close();
	}

	record Answer(String request, int status, String contentType, String retryAfter, String body, Duration took) {

		boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return this.request + " -> " + this.status + " in " + this.took.toMillis() + " ms: " + this.body;
		}

	}

	/**
	 * One reading per whole second of the window, so that the table tells exactly which
	 * windows were stored; a run can be held or slowed.
	 */
	static final class SecondsCollector implements Collector<Reading> {

		volatile Duration delayPerRecord = Duration.ZERO;

		volatile CountDownLatch entered = new CountDownLatch(1);

		volatile Instant firstFrom;

		@Override
		public Stream<Reading> collect(CollectionRequest request) {
			if (this.firstFrom == null && !request.dryRun()) {
				this.firstFrom = request.from();
			}
			this.entered.countDown();
			Instant first = request.from().truncatedTo(ChronoUnit.SECONDS);
			if (first.isBefore(request.from())) {
				first = first.plusSeconds(1);
			}
			return Stream.iterate(first, (at) -> at.isBefore(request.to()), (at) -> at.plusSeconds(1))
				.map((at) -> Reading.of("s1", at, 20))
				.peek((reading) -> pause());
		}

		private void pause() {
			Duration delay = this.delayPerRecord;
			if (!delay.isZero()) {
				try {
					Thread.sleep(delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
			}
		}

		@Override
		public Class<Reading> recordType() {
			return Reading.class;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
