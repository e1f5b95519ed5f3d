package dev.collector.benchmarks.startup.ready;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts an application, prints {@code READY <ms since the JVM started>} once it is
 * ready, optionally measures {@code GET /metrics} with many series
 * ({@code -Dbench.scrape-series=5000}), optionally prints the slowest start-up steps
 * ({@code -Dbench.startup-steps=40}, see {@link StartupSteps}), optionally counts the
 * bean definitions per package ({@code -Dbench.beans=true}), and exits.
 */
public final class ReadyReporter {

	private ReadyReporter() {
	}

	public static void run(SpringApplication application, String[] args) {
		int steps = Integer.getInteger("bench.startup-steps", 0);
		BufferingApplicationStartup startup = (steps > 0) ? new BufferingApplicationStartup(100_000) : null;
		if (startup != null) {
			application.setApplicationStartup(startup);
		}
		ConfigurableApplicationContext context = application.run(args);
		System.out.println("READY " + ManagementFactory.getRuntimeMXBean().getUptime());
		// the main thread's CPU time: what the start-up itself computed, less sensitive
		// to other load on the machine than the wall time (JIT and GC threads excluded)
		System.out.println("MAINCPU " + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
		if (startup != null) {
			StartupSteps.print(startup.getBufferedTimeline(), steps);
		}
		if (Boolean.getBoolean("bench.beans")) {
			StartupSteps.printBeans(context);
			StartupSteps.printConditions(context);
		}
		int series = Integer.getInteger("bench.scrape-series", 0);
		try {
			if (series > 0) {
				scrape(context, series);
			}
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(SpringApplication.exit(context));
	}

	private static void scrape(ConfigurableApplicationContext context, int series) throws Exception {
		PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
		int existing = samples(registry.scrape());
		for (int i = 0; samples(registry.scrape()) < series; i++) {
			for (int j = 0; j < 500; j++) {
				Counter.builder("bench.series")
					.tag("shard", Integer.toString(i))
					.tag("n", Integer.toString(j))
					.register(registry)
					.increment(j);
			}
		}
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
		int total = 0;
		for (int i = 0; i < 20; i++) {
			total = samples(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
		}
		double[] millis = new double[200];
		for (int i = 0; i < millis.length; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			millis[i] = (System.nanoTime() - start) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET /metrics answered " + response.statusCode());
			}
		}
		Arrays.sort(millis);
		System.out.printf(Locale.ROOT, "SCRAPE %d %d %.2f %.2f %.2f%n", existing, total, millis[millis.length / 2],
				millis[(int) (millis.length * 0.99)], millis[millis.length - 1]);
	}

	private static int samples(String text) {
		return (int) text.lines().filter((line) -> !line.isEmpty() && !line.startsWith("#")).count();
	}

}
