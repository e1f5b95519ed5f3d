package dev.collector.sample.news;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The container image without a Docker engine: the executable jar is split into layers
 * exactly as {@code Dockerfile} does, the layers are copied into one directory in the
 * Dockerfile's order, the CDS training run of the Dockerfile records its archive there
 * (with an in-memory database, nothing else to reach), and the application is started
 * with the Dockerfile's ENTRYPOINT and JAVA_TOOL_OPTIONS: from the archive and with the
 * Spring AOT classes of the jar. Then one collection end to end over HTTP, and a one-shot
 * run. Runs after {@code package} (failsafe).
 */
class ContainerLayoutIT {

	private static final Pattern COPY_LAYER = Pattern.compile("(?m)^COPY --from=build /extracted/([a-z-]+)/ \\./\\s*$");

	private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])\\s*$");

	private static final Pattern EXTRACT = Pattern.compile("extract ([-a-z. ]+/extracted)");

	private static final Pattern TRAINING = Pattern.compile("(?m)^RUN (java -XX:ArchiveClassesAtExit=[^\\\\&\\n]+)");

	private static final Pattern TOOL_OPTIONS = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"\\s*$");

	private final Path jar = Paths.get(System.getProperty("collector.exec-jar", "target/missing-exec.jar"));

	private final String dockerfile = read(Paths.get(System.getProperty("collector.dockerfile", "Dockerfile")));

	@TempDir
	Path work;

	@Test
	void theJarHasTheLayersTheDockerfileCopiesInTheSameOrder() throws Exception {
		List<String> listed = run(this.work, java(), "-Djarmode=tools", "-jar", this.jar.toString(), "list-layers")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.toList();
		assertThat(listed).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application");
		assertThat(copiedLayers()).containsExactlyElementsOf(listed);
	}

	@Test
	void theLayeredApplicationStartsWithTheDockerfilesEntrypointAndStopsOnSigterm() throws Exception {
		Path extracted = this.work.resolve("extracted");
		List<String> extract = new ArrayList<>(
				List.of(java(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract"));
		extract.addAll(List.of(dockerfile(EXTRACT).replace("/extracted", extracted.toString()).split("\\s+")));
		run(this.work, extract.toArray(String[]::new));
		// what changes with every commit is in the last layer, the libraries in the first
		assertThat(extracted.resolve("application/application.jar")).isRegularFile();
		// the starter is built with the application (a reactor module), so it changes
		// with it
		assertThat(jarNames(extracted.resolve("application/lib")))
			.anyMatch((name) -> name.startsWith("collector-spring-boot-autoconfigure-"));
		assertThat(jarNames(extracted.resolve("dependencies/lib"))).anyMatch((name) -> name.startsWith("spring-boot-"))
			.noneMatch((name) -> name.startsWith("collector-"));

		Path app = this.work.resolve("app");
		for (String layer : copiedLayers()) {
			if (Files.isDirectory(extracted.resolve(layer))) {
				copyTree(extracted.resolve(layer), app);
			}
			else {
				// an empty layer is not extracted; the Dockerfile must create it or COPY
				// fails
				assertThat(this.dockerfile).as("the Dockerfile creates the empty layer %s", layer)
					.containsPattern("mkdir -p [^\\n]*/extracted/" + layer + "(\\s|$)");
			}
		}
		// the training run, as the Dockerfile runs it, with the image's JAVA_TOOL_OPTIONS
		List<String> training = new ArrayList<>(List.of(dockerfile(TRAINING).strip().split("\\s+")));
		training.set(0, java());
		ProcessBuilder trainer = new ProcessBuilder(training).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("training.log").toFile());
		trainer.environment().put("JAVA_TOOL_OPTIONS", toolOptions());
		Process trainingRun = trainer.start();
		assertThat(trainingRun.waitFor(300, TimeUnit.SECONDS)).isTrue();
		assertThat(trainingRun.exitValue()).as("training run: %s", read(this.work.resolve("training.log"))).isZero();
		assertThat(app.resolve("application.jsa")).isRegularFile();

		int port = freePort();
		List<String> command = new ArrayList<>(entrypoint());
		command.set(0, java());
		command.addAll(List.of("--server.port=" + port, "--collector.schedule.enabled=false",
				"--logging.level.dev.collector.collectors.CollectorContexts=DEBUG"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("app.log").toFile());
		// the image's options, and which class came from where
		builder.environment()
			.put("JAVA_TOOL_OPTIONS",
					toolOptions() + " -Xlog:class+load=info:file=" + this.work.resolve("classes.log"));
		Process process = builder.start();
		try {
			awaitOk(process, "http://127.0.0.1:" + port + "/actuator/health/readiness");
			assertThat(status("http://127.0.0.1:" + port + "/actuator/health/liveness")).isEqualTo(200);
			assertThat(read(this.work.resolve("app.log"))).as("the JVM picked up JAVA_TOOL_OPTIONS")
				.contains("Picked up JAVA_TOOL_OPTIONS: " + toolOptions());
			assertThat(read(this.work.resolve("classes.log"))).as("classes of the application from the CDS archive")
				.containsPattern("dev\\.collector\\.collect\\.CollectionRunner source: shared objects file");
			assertThat(classesReadUntilStarted())
				.as("classes read from a jar or the JDK's modules until the application had started: the training"
						+ " run went past the refreshed context (web server, scheduler, a collection)")
				.isLessThan(200);
			assertThat(read(this.work.resolve("app.log")))
				.as("each collector's context from the bean definitions generated at build time")
				.containsPattern("Context of collector 'news-collector' started in \\d+ ms from the bean definitions")
				.containsPattern("Context of collector 'prices' started in \\d+ ms from the bean definitions");
			// the AOT-processed application end to end: one collection, its metrics
			HttpResponse<String> collected = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/collect?wait=true"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofSeconds(120))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(collected.statusCode()).as(collected.body()).isEqualTo(200);
			assertThat(new ObjectMapper().readTree(collected.body()).path("records_inserted").asLong()).isPositive();
			HttpResponse<String> metrics = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.body()).contains("collector_collection_requests_total{");
		}
		finally {
			process.destroy(); // SIGTERM, as the kubelet sends it
			boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
			if (!stopped) {
				process.destroyForcibly();
			}
			assertThat(stopped).as("stopped within 60s of SIGTERM; log: %s", this.work.resolve("app.log")).isTrue();
		}
		assertThat(read(this.work.resolve("app.log"))).contains("Commencing graceful shutdown");

		// the same image runs once: the AOT-built application keeps its web server (on a
		// free port), the run and its exit code are the same
		List<String> once = new ArrayList<>(entrypoint());
		once.set(0, java());
		once.addAll(List.of("--collector.run=check", "--collector.schedule.enabled=false"));
		ProcessBuilder oneShot = new ProcessBuilder(once).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("once.log").toFile());
		oneShot.environment().put("JAVA_TOOL_OPTIONS", toolOptions());
		Process onceRun = oneShot.start();
		assertThat(onceRun.waitFor(300, TimeUnit.SECONDS)).isTrue();
		assertThat(onceRun.exitValue()).as(read(this.work.resolve("once.log"))).isZero();
		assertThat(read(this.work.resolve("once.log")))
			.contains("{\"collector_run\":\"check\",\"status\":\"succeeded\"");
	}

	/**
	 * How many classes the start read from a jar or from the JDK's modules rather than
	 * from the CDS archive until Boot logged that it had started. Classes the JVM
	 * generates (lambdas, proxies, accessors) are left out: CDS on Java 17 does not
	 * archive most of them. About 100 with the Dockerfile's training run, about 550 with
	 * one that stops at the refreshed context.
	 */
	private long classesReadUntilStarted() throws IOException {
		Matcher started = Pattern.compile("process running for ([0-9.]+)").matcher(read(this.work.resolve("app.log")));
		assertThat(started.find()).as("Boot's start-up line in the log").isTrue();
		double startedAt = Double.parseDouble(started.group(1));
		Pattern loaded = Pattern.compile("^\\[([0-9.]+)s].* source: (file:|jrt:)");
		return read(this.work.resolve("classes.log")).lines()
			.map(loaded::matcher)
			.filter(Matcher::find)
			.filter((line) -> Double.parseDouble(line.group(1)) <= startedAt)
			.count();
	}

	private List<String> copiedLayers() {
		List<String> layers = new ArrayList<>();
		Matcher matcher = COPY_LAYER.matcher(this.dockerfile);
		while (matcher.find()) {
			layers.add(matcher.group(1));
		}
		return layers;
	}

	private List<String> entrypoint() throws IOException {
		Matcher matcher = ENTRYPOINT.matcher(this.dockerfile);
		assertThat(matcher.find()).as("an exec-form ENTRYPOINT in the Dockerfile").isTrue();
		return new ObjectMapper().readValue(matcher.group(1), new TypeReference<List<String>>() {
		});
	}

	private String dockerfile(Pattern pattern) {
		Matcher matcher = pattern.matcher(this.dockerfile);
		assertThat(matcher.find()).as("%s in the Dockerfile", pattern).isTrue();
		return matcher.group(1);
	}

	private String toolOptions() {
		Matcher matcher = TOOL_OPTIONS.matcher(this.dockerfile);
		assertThat(matcher.find()).as("ENV JAVA_TOOL_OPTIONS in the Dockerfile").isTrue();
		return matcher.group(1);
	}

	private static void awaitOk(Process process, String url) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				fail("the application exited with " + process.exitValue() + " before " + url + " answered");
			}
			if (status(url) == 200) {
				return;
			}
			Thread.sleep(250);
		}
		fail(url + " did not answer 200 within 120s");
	}

	private static int status(String url) {
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
			return response.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
		return output;
	}

	private static List<String> jarNames(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
