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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.collector.benchmarks.startup.bare.BareApp;
import dev.collector.benchmarks.startup.starter.StarterApp;

/**
 * Start-up of a bare web + actuator application against the same with the starter, in
 * forked JVMs, every application once per round so that all of them see the same load:
 * one warm-up round, then the medians of several. Two more kinds of application put the
 * difference in context:
 * <ul>
 * <li>the <em>floor</em>: the bare application plus JDBC, an embedded H2 database with
 * one table created at start-up, and Bean Validation: what any application that stores
 * validated records pays before the starter adds anything;</li>
 * <li>the starter application without one optional library at a time (its jar taken off
 * the class path; the starter backs off): what that library costs.</li>
 * <li>the starter application with AspectJ added ({@code spring-boot-starter-aop}): what
 * the {@code @Timed}/{@code @Counted}/{@code @Observed} and Resilience4j annotation
 * aspects cost an application that opts in (the starter no longer brings AspectJ); and
 * likewise with springdoc and with resilience4j-spring-boot3, which the starter no longer
 * brings either;</li>
 * <li>with {@code -Dbench.sample-jar} and {@code -Dbench.dockerfile}: the sample, started
 * with {@code java -jar} at JVM defaults, and as its container image runs it
 * ({@link SampleImage}: extracted jar, CDS archive of a training run, Spring AOT, the
 * image's JVM flags, the chart's memory limit emulated with {@code -XX:MaxRAM}).</li>
 * </ul>
 * Then the time of {@code GET /metrics} with 5,000 series. Argument: output file.
 * {@code -Dbench.rounds} (default 11) sets the rounds; {@code -Dbench.rows=REGEX} keeps
 * only the rows that match (and the bare, floor and starter applications).
 */
public final class StartupComparison {

	/**
	 * The bare application's class path: what spring-boot-starter-web,
	 * spring-boot-starter-actuator and micrometer-registry-prometheus bring, nothing
	 * more. (Filtering the starter's class path instead would leave the libraries the
	 * starter pulls in, springdoc, Resilience4j, AspectJ, whose auto-configurations then
	 * run in the "bare" application too.)
	 */
	private static final Pattern BARE = jars("spring-(core|jcl|beans|context|aop|expression|web|webmvc)", "spring-boot",
			"spring-boot-starter", "spring-boot-starter-(web|json|tomcat|logging|actuator)",
			"spring-boot-autoconfigure", "spring-boot-actuator", "spring-boot-actuator-autoconfigure",
			"jackson-(databind|annotations|core|datatype-jsr310|datatype-jdk8|module-parameter-names)",
			"logback-(classic|core)", "log4j-(api|to-slf4j)", "jul-to-slf4j", "slf4j-api", "snakeyaml",
			"tomcat-embed-(core|websocket)", "micrometer-(core|commons|observation|jakarta9|registry-prometheus)",
			"HdrHistogram", "LatencyUtils", "prometheus-metrics-[a-z-]+", "jakarta.annotation-api");

	/** What the floor adds to the bare class path: JDBC, H2, Bean Validation. */
	private static final Pattern FLOOR = jars("spring-(jdbc|tx)", "spring-boot-starter-(jdbc|validation)", "HikariCP",
			"h2", "hibernate-validator", "jakarta.validation-api", "jboss-logging", "classmate", "tomcat-embed-el");

	/** Optional libraries whose cost is measured by starting without them. */
	private static final Map<String, Pattern> OPTIONAL = optional();

	/**
	 * Jars of this module's other benchmarks, which the starter application must not see:
	 * it gets what an application with the starter and H2 gets. Spring Batch and its
	 * Spring Data Commons (the JDBC contenders), the tracing bridge and OpenTelemetry SDK
	 * (the observed pipelines), Bucket4j, the other JDBC drivers and JMH. Each of Spring
	 * Data Commons and the tracing bridge switches on auto-configurations of its own
	 * (Spring Data web support, an OpenTelemetry tracer), which a user of the starter
	 * does not have unless they add them.
	 */
	private static final Pattern BENCHMARK_ONLY = jars("spring-batch-(core|infrastructure)", "spring-data-commons",
			"micrometer-tracing(-bridge-otel)?", "context-propagation", "aopalliance", "opentelemetry-[a-z-]+",
			"bucket4j_jdk17-[a-z]+", "postgresql", "mariadb-java-client", "mysql-connector-j", "jmh-core",
			"jopt-simple", "commons-math3");

	/** AspectJ, which the starter no longer brings. */
	private static final Pattern ASPECTJ = jars("aspectjweaver", "spring-boot-starter-aop");

	/** springdoc, which the starter no longer brings. */
	private static final Pattern SPRINGDOC = jars("springdoc-openapi-starter-[a-z-]+", "swagger-[a-z-]+",
			"webjars-locator-lite", "jackson-dataformat-yaml", "commons-lang3", "jakarta.xml.bind-api",
			"jakarta.activation-api");

	/**
	 * Resilience4j's Spring Boot integration (and what only it needs), which the starter
	 * no longer brings.
	 */
	private static final Pattern RESILIENCE4J_BOOT = jars(
			"resilience4j-(spring-boot3|spring6|framework-common|annotations|consumer|circularbuffer)");

	/** The starter application's class path leaves all of these out. */
	private static final Pattern NOT_THE_STARTERS = Pattern.compile(String.join("|", BENCHMARK_ONLY.pattern(),
			ASPECTJ.pattern(), SPRINGDOC.pattern(), RESILIENCE4J_BOOT.pattern()));

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 11);

	/** Name of the starter application's row. */
	static final String STARTER = "bare + collector starter, H2, one Collector";

	/** Name of the row of the sample as its image runs it. */
	static final String IMAGE = "the sample as its image runs it: extracted jar, CDS, Spring AOT, the image's JVM flags";

	/** The container memory limit emulated for the image (the chart's default limit). */
	static final String IMAGE_MEMORY = System.getProperty("bench.image-memory", "384m");

	private StartupComparison() {
	}

	public static void main(String[] args) throws Exception {
		List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		List<String> starterClassPath = keep(classPath, NOT_THE_STARTERS.asMatchPredicate().negate());
		List<String> starterArgs = List.of("--spring.datasource.url=jdbc:h2:mem:start",
				"--collector.schedule.enabled=false");
		Map<String, Start> starts = new LinkedHashMap<>();
		starts.put("bare web + actuator + Prometheus", new Start(BareApp.class,
				keep(classPath, (jar) -> isClasses(jar) || BARE.matcher(jar).matches()), List.of()));
		starts.put("the same + JDBC, H2 with one table, Bean Validation (the floor)",
				new Start(BareApp.class,
						keep(classPath,
								(jar) -> isClasses(jar) || BARE.matcher(jar).matches() || FLOOR.matcher(jar).matches()),
						List.of("--spring.datasource.url=jdbc:h2:mem:floor", "--spring.sql.init.mode=always",
								"--spring.sql.init.schema-locations=classpath:floor-schema.sql")));
		starts.put(STARTER, new Start(StarterApp.class, starterClassPath, starterArgs));
		// what an opt-in integration costs the application that adds it back
		starts.put("starter application + AspectJ (spring-boot-starter-aop: the annotation aspects, opt-in)",
				new Start(StarterApp.class, addBack(classPath, ASPECTJ), starterArgs));
		starts.put("starter application + springdoc (OpenAPI, Swagger UI; opt-in, the sample has it)",
				new Start(StarterApp.class, addBack(classPath, SPRINGDOC), starterArgs));
		starts.put("starter application + resilience4j-spring-boot3 (its Actuator endpoints; opt-in)",
				new Start(StarterApp.class, addBack(classPath, RESILIENCE4J_BOOT), starterArgs));
		OPTIONAL.forEach((library, jar) -> starts.put("starter application without " + library,
				new Start(StarterApp.class, keep(starterClassPath, jar.asMatchPredicate().negate()), starterArgs)));
		if (args[0].equals("--command")) {
			// one application's command, for timing whole processes from outside
			// (scripts/startup-check.sh)
			Start start = switch (args[1]) {
				case "bare" -> starts.get("bare web + actuator + Prometheus");
				case "floor" -> starts.get("the same + JDBC, H2 with one table, Bean Validation (the floor)");
				case "starter" -> starts.get(STARTER);
				default -> throw new IllegalArgumentException("bare, floor or starter: " + args[1]);
			};
			System.out.println(String.join(" ", start.command(List.of())));
			return;
		}
		Map<String, Measure> measures = new LinkedHashMap<>();
		// the main thread's CPU time of each forked start, beside its wall time
		Map<String, List<Long>> mainCpu = new LinkedHashMap<>();
		starts.forEach((name, start) -> measures.put(name, () -> {
			List<String> found = start.run(List.of());
			found.stream()
				.filter((line) -> line.startsWith("MAINCPU "))
				.findFirst()
				.ifPresent((line) -> mainCpu.computeIfAbsent(name, (key) -> new ArrayList<>())
					.add(Long.parseLong(line.substring(8).trim())));
			return Long.parseLong(found.get(0));
		}));
		String sampleJar = System.getProperty("bench.sample-jar");
		String dockerfile = System.getProperty("bench.dockerfile");
		if (sampleJar != null && dockerfile != null) {
			SampleImage image = SampleImage.build(Path.of(sampleJar), Path.of(dockerfile));
			List<String> sampleArgs = List.of("--spring.datasource.url=jdbc:h2:mem:start", "--server.port=0",
					"--collector.schedule.enabled=false");
			List<String> plain = new ArrayList<>(List.of(SampleImage.java(), "-jar", image.jar().toString()));
			plain.addAll(sampleArgs);
			measures.put("the sample, java -jar (JVM defaults)",
					() -> SampleImage.startedMillis(image.app(), plain, null));
			List<String> asImage = new ArrayList<>(image.entrypoint());
			asImage.addAll(sampleArgs);
			String options = image.toolOptions() + " -XX:MaxRAM=" + IMAGE_MEMORY;
			measures.put(IMAGE, () -> SampleImage.startedMillis(image.app(), asImage, options));
		}
		// -Dbench.rows=REGEX: only the rows whose name matches (bare, floor and starter
		// always)
		Pattern rows = Pattern.compile(System.getProperty("bench.rows", ".*"));
		measures.keySet()
			.removeIf((name) -> !rows.matcher(name).find() && !name.equals(STARTER) && !name.startsWith("bare web")
					&& !name.startsWith("the same + JDBC"));
		Map<String, List<Long>> millis = new LinkedHashMap<>();
		measures.keySet().forEach((name) -> millis.put(name, new ArrayList<>()));
		for (int round = 0; round <= ROUNDS; round++) {
			for (Map.Entry<String, Measure> measure : measures.entrySet()) {
				long ready = measure.getValue().millis();
				if (round > 0) {
					millis.get(measure.getKey()).add(ready);
				}
			}
			System.err.println("round " + round + " " + millis);
		}
		List<String> scrape = starts.get(STARTER).run(List.of("-Dbench.scrape-series=5000"));
		String scraped = scrape.stream().filter((line) -> line.startsWith("SCRAPE ")).findFirst().orElseThrow();
		// the warm-up round's figure is the first of each application's
		mainCpu.replaceAll((name, values) -> values.subList(1, values.size()));
		String report = report(millis, mainCpu, scraped.split(" "));
		System.out.print(report);
		Files.writeString(Path.of(args[0]), report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	@FunctionalInterface
	private interface Measure {

		/** Start once; the JVM's uptime in ms when the application was ready. */
		long millis() throws Exception;

	}

	private static String report(Map<String, List<Long>> millis, Map<String, List<Long>> mainCpu, String[] scrape) {
		List<String> names = new ArrayList<>(millis.keySet());
		long bare = median(millis.get(names.get(0)));
		long floor = median(millis.get(names.get(1)));
		long starter = median(millis.get(STARTER));
		StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "## Start-up%n%nTime from JVM start to "
				+ "the started application (ApplicationReadyEvent; for the sample, Boot's \"process running for\") "
				+ "in forked JVMs, JVM defaults unless the row says otherwise, every application once per round, "
				+ "%d rounds after a warm-up round. The main thread's CPU time until then (what the start-up "
				+ "itself computed; JIT compiler and GC threads not counted) moves less with other load on the "
				+ "machine than the wall time:%n%n| application | median ms | quartiles ms | min–max ms | "
				+ "to bare | main thread CPU ms (median) | CPU to bare |%n|---|---:|---:|---:|---:|---:|---:|%n",
				ROUNDS));
		long bareCpu = mainCpu.containsKey(names.get(0)) ? median(mainCpu.get(names.get(0))) : 0;
		for (String name : names) {
			List<Long> values = millis.get(name);
			String cpu = mainCpu.containsKey(name) ? String.format(Locale.ROOT, "%d | %.2f×", median(mainCpu.get(name)),
					(double) median(mainCpu.get(name)) / bareCpu) : "– | –";
			report.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2f× | %s |%n", name, median(values),
					quartiles(values), range(values), (double) median(values) / bare, cpu));
		}
		report.append(String.format(Locale.ROOT,
				"%nThe starter application: **%.2f×** the bare application (goal: ≤ 1.5×), **%.2f×** the floor "
						+ "(goal: ≤ 1.25×); per round (each starter start against the bare start of its round): "
						+ "median %.2f×. Main thread CPU: %.2f× the bare application, %.2f× the floor.%n",
				(double) starter / bare, (double) starter / floor,
				pairMedian(millis.get(STARTER), millis.get(names.get(0))), cpuRatio(mainCpu, STARTER, names.get(0)),
				cpuRatio(mainCpu, STARTER, names.get(1))));
		if (millis.containsKey(IMAGE)) {
			long image = median(millis.get(IMAGE));
			report.append(String.format(Locale.ROOT,
					"The sample as its image runs it (memory limit %s emulated with -XX:MaxRAM): **%.2f×** the bare "
							+ "application at JVM defaults (goal: < 1×); per round: median %.2f×.%n",
					IMAGE_MEMORY, (double) image / bare, pairMedian(millis.get(IMAGE), millis.get(names.get(0)))));
		}
		report.append("\nWhat the optional libraries cost (the starter application's median less the median "
				+ "without the library; AspectJ: the median with it less the starter's):\n\n| library | ms | "
				+ "share of the starter's addition |\n|---|---:|---:|\n");
		for (String name : names) {
			if (name.startsWith("starter application without ")) {
				long without = median(millis.get(name));
				report.append(String.format(Locale.ROOT, "| %s | %d | %.0f%% |%n",
						name.replace("starter application without ", ""), starter - without,
						100.0 * (starter - without) / (starter - bare)));
			}
			else if (name.startsWith("starter application + ")) {
				report.append(String.format(Locale.ROOT, "| %s | %d | (not in the starter) |%n",
						name.replace("starter application + ", ""), median(millis.get(name)) - starter));
			}
		}
		report.append(String.format(Locale.ROOT, "%nAll starts (ms), in order: %s.%n%n", millis));
		report.append(String.format(Locale.ROOT, "## /metrics scrape%n%nThe starter application with %s series in its "
				+ "registry (%s from the application itself, the rest counters added for the test): `GET /metrics` "
				+ "over HTTP, 200 requests after 20 warm-up requests: median **%s ms**, p99 %s ms, max %s ms "
				+ "(goal: < 50 ms).%n%n", scrape[2], scrape[1], scrape[3], scrape[4], scrape[5]));
		return report.toString();
	}

	private static Map<String, Pattern> optional() {
		Map<String, Pattern> optional = new LinkedHashMap<>();
		optional.put("Caffeine (the cache)", jars("caffeine", "spring-boot-starter-cache"));
		optional.put("db-scheduler (cluster scheduling; the in-JVM scheduler instead)", jars("db-scheduler"));
		optional.put("Spring Cloud Context (/actuator/refresh)", jars("spring-cloud-context"));
		// what the starter costs with all of them opt-in
		optional.put("all three",
				Pattern.compile(optional.values()
					.stream()
					.map(Pattern::pattern)
					.map((pattern) -> "(" + pattern + ")")
					.collect(Collectors.joining("|"))));
		return optional;
	}

	/** Matches the path of a jar of one of these artifacts, any version. */
	private static Pattern jars(String... artifacts) {
		return Pattern.compile(".*/(" + String.join("|", artifacts) + ")-[0-9][^/]*\\.jar");
	}

	/** The starter application's class path with one opt-in integration added back. */
	private static List<String> addBack(List<String> classPath, Pattern integration) {
		return keep(classPath, (jar) -> !NOT_THE_STARTERS.matcher(jar).matches() || integration.matcher(jar).matches());
	}

	private static boolean isClasses(String entry) {
		return !entry.endsWith(".jar");
	}

	private static List<String> keep(List<String> classPath, Predicate<String> keep) {
		return classPath.stream().filter(keep).toList();
	}

	private record Start(Class<?> main, List<String> classPath, List<String> args) {

		List<String> command(List<String> jvmArgs) {
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
			command.addAll(jvmArgs);
			command.addAll(List.of("-cp", String.join(File.pathSeparator, this.classPath), this.main.getName(),
					"--server.port=0"));
			command.addAll(this.args);
			return command;
		}

		/** Start the application; return its READY time and any later SCRAPE line. */
		List<String> run(List<String> jvmArgs) throws Exception {
			List<String> command = command(jvmArgs);
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
					else if (line.startsWith("SCRAPE ") || line.startsWith("MAINCPU ")) {
						found.add(line);
					}
				}
			}
			if (process.waitFor() != 0 || found.isEmpty()) {
				throw new IllegalStateException(this.main.getSimpleName() + " failed:\n" + output);
			}
			return found;
		}

	}

	private static double cpuRatio(Map<String, List<Long>> mainCpu, String name, String to) {
		return (double) median(mainCpu.get(name)) / median(mainCpu.get(to));
	}

	private static double pairMedian(List<Long> starter, List<Long> bare) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < bare.size(); i++) {
			ratios.add((double) starter.get(i) / bare.get(i));
		}
		return ratios.stream().sorted().collect(Collectors.toList()).get(ratios.size() / 2);
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
