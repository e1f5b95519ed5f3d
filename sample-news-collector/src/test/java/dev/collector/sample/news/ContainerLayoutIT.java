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
 * Dockerfile's order, and the application is started there with the Dockerfile's
 * ENTRYPOINT and JAVA_TOOL_OPTIONS. Runs after {@code package} (failsafe).
 */
class ContainerLayoutIT {

	private static final Pattern COPY_LAYER = Pattern.compile("(?m)^COPY --from=build /extracted/([a-z-]+)/ \\./\\s*$");

	private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])\\s*$");

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
		run(this.work, java(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract", "--layers", "--launcher",
				"--destination", extracted.toString());
		// what changes with every commit is in the last layer, the libraries in the first
		assertThat(extracted
			.resolve("application/BOOT-INF/classes/dev/collector/sample/news/NewsCollectorApplication.class"))
			.isRegularFile();
		// the starter is built with the application (a reactor module), so it changes
		// with it
		assertThat(jarNames(extracted.resolve("application/BOOT-INF/lib")))
			.anyMatch((name) -> name.startsWith("collector-spring-boot-autoconfigure-"));
		assertThat(jarNames(extracted.resolve("dependencies/BOOT-INF/lib")))
			.anyMatch((name) -> name.startsWith("spring-boot-"))
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
		int port = freePort();
		List<String> command = new ArrayList<>(entrypoint());
		command.set(0, java());
		command.addAll(List.of("--server.port=" + port, "--collector.schedule.enabled=false"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("app.log").toFile());
		builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions());
		Process process = builder.start();
		try {
			awaitOk(process, "http://127.0.0.1:" + port + "/actuator/health/readiness");
			assertThat(status("http://127.0.0.1:" + port + "/actuator/health/liveness")).isEqualTo(200);
			assertThat(read(this.work.resolve("app.log"))).as("the JVM picked up JAVA_TOOL_OPTIONS")
				.contains("Picked up JAVA_TOOL_OPTIONS: " + toolOptions());
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
