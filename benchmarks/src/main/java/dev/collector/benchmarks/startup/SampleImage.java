package dev.collector.benchmarks.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample as its container image runs it, reproduced with plain java commands from the
 * Dockerfile (there is no Docker engine here): the executable jar extracted as the
 * Dockerfile extracts it, the CDS archive recorded by the Dockerfile's training run, and
 * the application started with the Dockerfile's ENTRYPOINT (CDS, Spring AOT) and
 * JAVA_TOOL_OPTIONS. The container's memory limit is emulated with {@code -XX:MaxRAM}: in
 * a container the JVM sizes itself from the limit as it does here from MaxRAM.
 */
final class SampleImage {

	private static final Pattern EXTRACT = Pattern.compile("extract ([-a-z. ]+/extracted)");

	private static final Pattern TRAINING = Pattern.compile("(?m)^RUN (java -XX:ArchiveClassesAtExit=[^\\\\&\\n]+)");

	private static final Pattern TOOL_OPTIONS = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"\\s*$");

	private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]\\s*$");

	/** Boot's start-up line: the JVM's uptime when the application had started. */
	private static final Pattern STARTED = Pattern.compile("process running for ([0-9.]+)");

	private final Path jar;

	private final String dockerfile;

	private final Path app;

	private SampleImage(Path jar, String dockerfile, Path app) {
		this.jar = jar;
		this.dockerfile = dockerfile;
		this.app = app;
	}

	/**
	 * Extract the jar and record the CDS archive as the Dockerfile does.
	 * @param jar the sample's executable jar
	 * @param dockerfile the sample's Dockerfile
	 * @return the image's application directory
	 */
	static SampleImage build(Path jar, Path dockerfile) throws IOException, InterruptedException {
		String text = Files.readString(dockerfile);
		Path work = Files.createTempDirectory("sample-image");
		Path extracted = work.resolve("extracted");
		List<String> extract = new ArrayList<>(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract"));
		extract.addAll(Arrays.asList(group(EXTRACT, text).replace("/extracted", extracted.toString()).split("\\s+")));
		run(work, extract, null);
		Path app = work.resolve("app");
		Files.createDirectories(app);
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			Path from = extracted.resolve(layer);
			if (Files.isDirectory(from)) {
				copyTree(from, app);
			}
		}
		List<String> training = new ArrayList<>(Arrays.asList(group(TRAINING, text).strip().split("\\s+")));
		training.set(0, java());
		run(app, training, group(TOOL_OPTIONS, text));
		if (!Files.isRegularFile(app.resolve("application.jsa"))) {
			throw new IllegalStateException("the training run recorded no CDS archive in " + app);
		}
		return new SampleImage(jar, text, app);
	}

	Path jar() {
		return this.jar;
	}

	Path app() {
		return this.app;
	}

	/** The image's JAVA_TOOL_OPTIONS. */
	String toolOptions() {
		return group(TOOL_OPTIONS, this.dockerfile);
	}

	/** The image's ENTRYPOINT, with this JVM's java. */
	List<String> entrypoint() {
		List<String> command = new ArrayList<>();
		for (String word : group(ENTRYPOINT, this.dockerfile).split(",")) {
			command.add(word.strip().replaceAll("^\"|\"$", ""));
		}
		command.set(0, java());
		return command;
	}

	/**
	 * Start a command, read its output until Boot says it started, stop it (SIGTERM).
	 * @param directory where
	 * @param command the command
	 * @param toolOptions JAVA_TOOL_OPTIONS, or {@code null}
	 * @return the JVM's uptime in ms when the application had started
	 */
	static long startedMillis(Path directory, List<String> command, String toolOptions)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		if (toolOptions != null) {
			builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
		}
		Process process = builder.start();
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				Matcher started = STARTED.matcher(line);
				if (started.find()) {
					process.destroy();
					process.waitFor(60, TimeUnit.SECONDS);
					return Math.round(Double.parseDouble(started.group(1)) * 1000);
				}
			}
		}
		finally {
			process.destroyForcibly();
		}
		throw new IllegalStateException("the sample did not start:\n" + output);
	}

	private static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + pattern + " in the Dockerfile");
		}
		return matcher.group(1);
	}

	private static void run(Path directory, List<String> command, String toolOptions)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		if (toolOptions != null) {
			builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (var paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
