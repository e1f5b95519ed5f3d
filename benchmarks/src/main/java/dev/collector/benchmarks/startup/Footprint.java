package dev.collector.benchmarks.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory (RSS) of the sample, idle and during a collection, as its container
 * image runs it (the image's JVM flags, CDS and AOT; the container memory limit emulated
 * with {@code -XX:MaxRAM}) and, for contrast, with {@code java -jar} at JVM defaults.
 * Idle: VmRSS 15 s after the start. During a collection: the highest VmRSS sampled every
 * 50 ms while {@code POST /collect?wait=true} reads a generated feed of many items, and
 * the process's peak (VmHWM) at its end. Linux only (/proc). Arguments: output file;
 * {@code -Dbench.sample-jar}, {@code -Dbench.dockerfile}, {@code -Dbench.feed-items}
 * (default 5,000), {@code -Dbench.image-memory} (default 384m).
 */
public final class Footprint {

	private static final Pattern STARTED = Pattern.compile("process running for ([0-9.]+)");

	private Footprint() {
	}

	public static void main(String[] args) throws Exception {
		SampleImage image = SampleImage.build(Path.of(System.getProperty("bench.sample-jar")),
				Path.of(System.getProperty("bench.dockerfile")));
		int items = Integer.getInteger("bench.feed-items", 5000);
		Path feed = feed(items);
		String memory = StartupComparison.IMAGE_MEMORY;
		List<String> asImage = new ArrayList<>(image.entrypoint());
		Result imaged = measure(image.app(), asImage, image.toolOptions() + " -XX:MaxRAM=" + memory, feed);
		List<String> plain = new ArrayList<>(List.of(SampleImage.java(), "-jar", image.jar().toString()));
		Result defaults = measure(image.app(), plain, null, feed);
		String report = String.format(Locale.ROOT, "## Footprint%n%nResident memory (RSS, from /proc) of the sample "
				+ "(H2 in memory): idle 15 s after the start, and during one collection of a generated feed of %,d "
				+ "items (`POST /collect?wait=true`; the highest RSS sampled every 50 ms, and the process's peak "
				+ "VmHWM).%n%n| how it runs | idle MiB | during a collection MiB | peak MiB | records |%n"
				+ "|---|---:|---:|---:|---:|%n| as its image runs it: `%s`, container limit %s (emulated with "
				+ "-XX:MaxRAM) | %d | %d | %d | %d |%n| `java -jar`, JVM defaults (%d GB RAM) | %d | %d | %d | %d |%n%n"
				+ "Goal: idle and during a collection under 256 MiB with the image's flags.%n%n", items,
				image.toolOptions(), memory, imaged.idle(), imaged.during(), imaged.peak(), imaged.records(),
				Math.round(totalMemoryGiB()), defaults.idle(), defaults.during(), defaults.peak(), defaults.records());
		System.out.print(report);
		Files.writeString(Path.of(args[0]), report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private static Result measure(Path directory, List<String> base, String toolOptions, Path feed) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(base);
		command.addAll(List.of("--spring.datasource.url=jdbc:h2:mem:footprint", "--server.port=" + port,
				"--collector.schedule.enabled=false", "--news.feeds[0].id=generated",
				"--news.feeds[0].url=" + feed.toUri()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		if (toolOptions != null) {
			builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
		}
		Process process = builder.start();
		try {
			awaitStarted(process);
			Thread drain = new Thread(() -> drain(process));
			drain.setDaemon(true);
			drain.start();
			Thread.sleep(15_000);
			long idle = status(process, "VmRSS");
			AtomicLong highest = new AtomicLong(idle);
			Thread sampler = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					try {
						highest.accumulateAndGet(status(process, "VmRSS"), Math::max);
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			sampler.start();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/collect?wait=true"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofMinutes(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			sampler.interrupt();
			sampler.join();
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"POST /collect answered " + response.statusCode() + ": " + response.body());
			}
			Matcher inserted = Pattern.compile("\"records_inserted\":(\\d+)").matcher(response.body());
			long records = inserted.find() ? Long.parseLong(inserted.group(1)) : -1;
			return new Result(idle, highest.get(), status(process, "VmHWM"), records);
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

	private static void awaitStarted(Process process) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder output = new StringBuilder();
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			output.append(line).append('\n');
			if (STARTED.matcher(line).find()) {
				return;
			}
		}
		throw new IllegalStateException("the sample did not start:\n" + output);
	}

	private static void drain(Process process) {
		try {
			process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/** A field of /proc/PID/status, in MiB. */
	private static long status(Process process, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
			}
		}
		throw new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status");
	}

	private static double totalMemoryGiB() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
			if (line.startsWith("MemTotal:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
			}
		}
		return Double.NaN;
	}

	/**
	 * An RSS 2.0 feed of that many items, each with a summary of about 600 characters.
	 */
	private static Path feed(int items) throws IOException {
		Path file = Files.createTempFile("footprint-feed", ".xml");
		DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
		Instant start = Instant.now().minus(Duration.ofDays(1));
		StringBuilder xml = new StringBuilder(
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
						+ "<title>Generated</title><link>https://news.example.com/</link><description>load</description>\n");
		String summary = "Bitcoin and Ethereum markets moved as traders weighed the latest figures. ".repeat(8);
		for (int i = 0; i < items; i++) {
			xml.append("<item><title>Headline number ")
				.append(i)
				.append(" about BTC and ETH</title><link>https://news.example.com/articles/")
				.append(i)
				.append("</link><guid>https://news.example.com/articles/")
				.append(i)
				.append("</guid><pubDate>")
				.append(rfc1123.format(start.plusSeconds(i)))
				.append("</pubDate><description>")
				.append(summary)
				.append("</description></item>\n");
		}
		xml.append("</channel></rss>\n");
		Files.writeString(file, xml);
		return file;
	}

	private record Result(long idle, long during, long peak, long records) {
	}

}
