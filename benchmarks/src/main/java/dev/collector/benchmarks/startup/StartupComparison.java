package dev.collector.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.collector.benchmarks.startup.bare.BareApp;
import dev.collector.benchmarks.startup.starter.StarterApp;

/**
 * Start-up of a bare web + actuator application against the same with the starter,
 * alternating in forked JVMs (one warm-up start each, then the median of several), and
 * the time of {@code GET /metrics} with 5,000 series. Argument: output file.
 */
public final class StartupComparison {

	/** What the bare application does without: the starter and what only it brings. */
	private static final Pattern NOT_BARE = Pattern.compile(
			".*(collector-spring-boot|/h2-|/postgresql-|mariadb-java-client|spring-jdbc|HikariCP|spring-batch|"
					+ "spring-boot-starter-jdbc|spring-boot-starter-validation|hibernate-validator|jmh-core).*");

	private static final int STARTS = 15;

	private StartupComparison() {
	}

	public static void main(String[] args) throws Exception {
		String classPath = System.getProperty("java.class.path");
		String bareClassPath = Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !NOT_BARE.matcher(entry).matches())
			.collect(Collectors.joining(File.pathSeparator));
		List<String> starterArgs = List.of("--spring.datasource.url=jdbc:h2:mem:start", "--collector.schedule.enabled=false");
		List<Long> bare = new ArrayList<>();
		List<Long> starter = new ArrayList<>();
		for (int i = 0; i <= STARTS; i++) {
			long bareMillis = Long.parseLong(start(bareClassPath, BareApp.class, List.of(), List.of()).get(0));
			long starterMillis = Long.parseLong(start(classPath, StarterApp.class, starterArgs, List.of()).get(0));
			if (i > 0) {
				bare.add(bareMillis);
				starter.add(starterMillis);
			}
		}
		List<String> scrape = start(classPath, StarterApp.class, starterArgs, List.of("-Dbench.scrape-series=5000"));
		String[] figures = scrape.get(1).split(" ");
		long bareMedian = median(bare);
		long starterMedian = median(starter);
		// each starter start against the bare start just before it: the load of the
		// machine changes slowly, so a pair sees about the same load
		List<Double> pairRatios = new ArrayList<>();
		for (int i = 0; i < bare.size(); i++) {
			pairRatios.add(100.0 * (starter.get(i) - bare.get(i)) / bare.get(i));
		}
		List<Double> sortedRatios = pairRatios.stream().sorted().toList();
		String report = String.format(Locale.ROOT, "## Start-up%n%nTime from JVM start to ApplicationReadyEvent, "
				+ "%d alternating starts after one warm-up start each (forked JVMs, default flags):%n%n"
				+ "| application | median ms | quartiles ms | min–max ms |%n|---|---:|---:|---:|%n"
				+ "| bare web + actuator + Prometheus | %d | %s | %s |%n"
				+ "| the same + collector starter, H2, one Collector | %d | %s | %s |%n%n"
				+ "The starter adds **%.0f%%** (medians; goal: < 20%%). Per pair (each starter start against the bare "
				+ "start just before it): median %+.0f%%, quartiles %+.0f%% / %+.0f%%.%n%n"
				+ "All starts (ms), in order: bare %s, starter %s.%n%n"
				+ "## /metrics scrape%n%nThe starter application with %s series in its registry (%s from the "
				+ "application itself, the rest counters added for the test): `GET /metrics` over HTTP, 200 requests "
				+ "after 20 warm-up requests: median **%s ms**, p99 %s ms, max %s ms (goal: < 50 ms).%n%n",
				STARTS, bareMedian, quartiles(bare), range(bare), starterMedian, quartiles(starter), range(starter),
				100.0 * (starterMedian - bareMedian) / bareMedian, sortedRatios.get(sortedRatios.size() / 2),
				sortedRatios.get(sortedRatios.size() / 4), sortedRatios.get(sortedRatios.size() * 3 / 4), bare, starter,
				figures[2], figures[1], figures[3], figures[4], figures[5]);
		System.out.print(report);
		Files.writeString(Path.of(args[0]), report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	/** Start one application; return its READY time and any later SCRAPE line. */
	private static List<String> start(String classPath, Class<?> main, List<String> args, List<String> jvmArgs)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(jvmArgs);
		command.addAll(List.of("-cp", classPath, main.getName(), "--server.port=0"));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> found = new ArrayList<>();
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				if (line.startsWith("READY ")) {
					found.add(line.substring(6).trim());
				}
				else if (line.startsWith("SCRAPE ")) {
					found.add(line);
				}
			}
		}
		if (process.waitFor() != 0 || found.isEmpty()) {
			throw new IllegalStateException(main.getSimpleName() + " failed:\n" + output);
		}
		return found;
	}

	private static String quartiles(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 4) + " / " + sorted.get(sorted.size() * 3 / 4);
	}

	private static String range(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(0) + "–" + sorted.get(sorted.size() - 1);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
