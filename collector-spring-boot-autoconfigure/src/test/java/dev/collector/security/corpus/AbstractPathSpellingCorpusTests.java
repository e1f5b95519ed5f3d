package dev.collector.security.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.collector.config.CollectorProperties;
import dev.collector.security.CollectorEndpointPaths;
import dev.collector.security.corpus.PathSpellings.Spelling;
import dev.collector.security.corpus.ProtectedEndpoint.Server;
import dev.collector.security.corpus.RawHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The corpus of path spellings: every spelling ({@link PathSpellings}) of every protected
 * endpoint ({@link ProtectedEndpoint#ALL}) with every mutating method, sent as raw bytes
 * without the token, must be refused (400, 401, 403 or 404; 401 and 403 as problem+json)
 * and must change nothing the application holds: no run, no backfill task or cancel, no
 * alert, no refresh, no logger level, no circuit breaker state. With the token, the
 * canonical path of each works, and the same counters see it. A set-up (without Spring
 * Security, with it, with a management port of its own) is a subclass that starts the
 * application on a random port with a database of its own; {@link #PROPERTIES} come with
 * this class.
 */
@TestPropertySource(locations = AbstractPathSpellingCorpusTests.PROPERTIES)
@Import(EachCollectorStandIn.Setup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class AbstractPathSpellingCorpusTests {

	/** The API token of every set-up. */
	public static final String TOKEN = "C0rpus-Token-0f-The-Tests";

	/** The properties every set-up starts the application with (the token among them). */
	public static final String PROPERTIES = "classpath:dev/collector/security/corpus/corpus.properties";

	private static final List<String> METHODS = List.of("POST", "PUT", "PATCH", "DELETE");

	private static final AlertReceiver ALERTS = AlertReceiver.start();

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private LoggingSystem loggingSystem;

	@Autowired
	private ObjectProvider<CircuitBreakerRegistry> circuitBreakers;

	private final AtomicInteger refreshes = new AtomicInteger();

	private final Map<String, Map<Integer, Integer>> answers = new TreeMap<>();

	private Map<String, String> variables;

	private Map<String, Object> atStart;

	@DynamicPropertySource
	static void alertWebhook(DynamicPropertyRegistry registry) {
		registry.add("collector.alerting.webhook-url", ALERTS::url);
	}

	/**
	 * The answers that refuse a spelling: malformed (400), no token (401), not allowed
	 * (403), no such path (404).
	 * @return the statuses
	 */
	protected Set<Integer> refusals() {
		return Set.of(400, 401, 403, 404);
	}

	/**
	 * The port of a server of the application under test: Actuator's is the application's
	 * unless {@code management.server.port} gave it one of its own.
	 */
	private int port(Server server) {
		Environment environment = this.context.getEnvironment();
		int application = environment.getRequiredProperty("local.server.port", Integer.class);
		return (server == Server.MANAGEMENT)
				? environment.getProperty("local.management.port", Integer.class, application) : application;
	}

	@BeforeAll
	void finishedBackfillTaskToAimAt() throws IOException {
		this.context.addApplicationListener(
				(ApplicationListener<EnvironmentChangeEvent>) (event) -> this.refreshes.incrementAndGet());
		// one for today's path, one for the same under /collectors/{name}
		String taskId = finishedBackfillTask();
		String otherTaskId = finishedBackfillTask();
		this.variables = Map.of("taskId", taskId, "otherTaskId", otherTaskId, "breaker", "corpus", "name",
				this.context.getEnvironment().getRequiredProperty("collector.name"));
		this.atStart = state();
	}

	private String finishedBackfillTask() throws IOException {
		ProtectedEndpoint start = ProtectedEndpoint.ALL.get(1);
		Response started = withToken("POST", "/backfill", start.body());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String taskId = started.body().replaceAll("(?s).*\"task_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM collector_backfill_task WHERE task_id = ? AND finished_at IS NOT NULL",
					Integer.class, taskId) == 1);
		return taskId;
	}

	@Test
	@Order(0)
	void everyProtectedMutatingEndpointOfTheApplicationIsInTheCorpus() {
		// as the starter protects them: also under /collectors/{name}
		List<PathPattern> protectedPaths = CollectorEndpointPaths
			.underEachCollector(this.context.getBean(CollectorProperties.class).getSecurity().getProtectedPaths())
			.stream()
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
		Set<String> mapped = new TreeSet<>();
		this.context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().keySet().forEach((info) -> {
				Set<String> methods = new TreeSet<>();
				info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
				methods.retainAll(METHODS);
				info.getPatternValues()
					.forEach((pattern) -> methods.forEach((method) -> mapped.add(method + " " + pattern)));
			}));
		this.context.getBeansOfType(WebEndpointsSupplier.class)
			.values()
			.stream()
			.flatMap((supplier) -> supplier.getEndpoints().stream())
			.forEach((endpoint) -> endpoint.getOperations()
				.forEach((operation) -> mapped.add(operation.getRequestPredicate().getHttpMethod() + " /actuator/"
						+ operation.getRequestPredicate().getPath())));
		Set<String> protectedMutating = new TreeSet<>();
		for (String entry : mapped) {
			String method = entry.substring(0, entry.indexOf(' '));
			String pattern = entry.substring(entry.indexOf(' ') + 1);
			PathContainer path = PathContainer.parsePath(pattern, PathContainer.Options.create('/', false));
			if (METHODS.contains(method) && protectedPaths.stream().anyMatch((p) -> p.matches(path))) {
				// each collector's paths are mapped with its name written out
				protectedMutating.add(anyVariable(entry).replaceFirst(" /collectors/[^/{]+/", " /collectors/{*}/"));
			}
		}
		Set<String> listed = new TreeSet<>();
		ProtectedEndpoint.ALL.forEach((endpoint) -> listed.add(anyVariable(endpoint.toString())));
		assertThat(listed).as("ProtectedEndpoint.ALL").containsAll(protectedMutating);
	}

	Stream<Arguments> spellings() {
		List<Arguments> cases = new ArrayList<>();
		for (ProtectedEndpoint endpoint : ProtectedEndpoint.ALL) {
			List<Spelling> spellings = new ArrayList<>(PathSpellings.of(endpoint.segments(this.variables)));
			if (endpoint.pattern().equals(EachCollectorStandIn.PREFIX + "/collect")) {
				// the collector's name spelt in other ways: on one endpoint, not on each
				spellings.addAll(PathSpellings.ofCollectorNames("/collect"));
			}
			for (Spelling spelling : spellings) {
				for (String method : methods(endpoint)) {
					cases.add(Arguments.of(endpoint, method, spelling));
				}
			}
		}
		return cases.stream();
	}

	/**
	 * The methods a spelling is sent with: all four on today's paths; under
	 * {@code /collectors/{name}} the endpoint's own and one it does not take (refused
	 * before the dispatcher could answer 405), as the method rule is the same for every
	 * path and the four are tried on today's.
	 */
	private static List<String> methods(ProtectedEndpoint endpoint) {
		if (!endpoint.pattern().startsWith(EachCollectorStandIn.PREFIX + "/")) {
			return METHODS;
		}
		return List.of(endpoint.method(), endpoint.method().equals("POST") ? "PUT" : "POST");
	}

	@ParameterizedTest(name = "{0}: {1} {2}")
	@MethodSource("spellings")
	@Order(1)
	void everySpellingWithoutTheTokenIsRefusedAndChangesNothing(ProtectedEndpoint endpoint, String method,
			Spelling spelling) throws IOException {
		Map<String, Object> before = state();
		Response response = RawHttp.send(port(endpoint.server()), method, spelling.target(), Map.of(), endpoint.body());
		String kind = spelling.kind().replaceAll("[0-9]+", "N").replaceAll(" \\((upper|lower)\\)", "");
		this.answers.computeIfAbsent(kind, (k) -> new TreeMap<>()).merge(response.status(), 1, Integer::sum);
		assertThat(response.status()).as(response.headers() + "\n" + response.body()).isIn(refusals());
		if (response.status() == 401 || response.status() == 403) {
			assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
		}
		assertThat(state()).as("what the application holds").isEqualTo(before);
	}

	@Test
	@Order(2)
	void nothingChangedOverTheWholeCorpus() {
		assertThat(state()).isEqualTo(this.atStart);
	}

	@Test
	@Order(3)
	void withTheTokenTheCanonicalPathOfEachWorksAndTheCountersSeeIt() throws IOException {
		for (ProtectedEndpoint endpoint : ProtectedEndpoint.ALL) {
			Map<String, Object> before = state();
			Response response = send(endpoint, endpoint.method(), endpoint.path(this.variables), endpoint.body());
			assertThat(response.status()).as(endpoint + ": " + response.body()).isIn(endpoint.successes());
			if (!endpoint.pattern().endsWith("/validate-data")) {
				// validating writes nothing by design; everything else leaves a trace
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state()).isNotEqualTo(before));
			}
		}
		Response closed = send(ProtectedEndpoint.ALL.get(ProtectedEndpoint.ALL.size() - 1), "POST",
				"/actuator/circuitbreakers/corpus", "{\"updateState\": \"CLOSE\"}");
		assertThat(closed.status()).isEqualTo(200);
	}

	/**
	 * What each kind of spelling was answered, for humans:
	 * {@code target/spelling-corpus/<set-up>.txt}.
	 */
	@AfterAll
	void writeTheAnswers() throws IOException {
		StringBuilder report = new StringBuilder();
		Map<Integer, Integer> total = new TreeMap<>();
		this.answers.forEach((kind, statuses) -> {
			report.append(kind).append(": ").append(statuses).append('\n');
			statuses.forEach((status, n) -> total.merge(status, n, Integer::sum));
		});
		report.insert(0,
				"cases " + total.values().stream().mapToInt(Integer::intValue).sum() + ", answers " + total + "\n");
		Path file = Path.of("target", "spelling-corpus", getClass().getSimpleName() + ".txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
	}

	private Response send(ProtectedEndpoint endpoint, String method, String path, String body) throws IOException {
		return RawHttp.send(port(endpoint.server()), method, path, Map.of("Authorization", "Bearer " + TOKEN), body);
	}

	private Response withToken(String method, String path, String body) throws IOException {
		return RawHttp.send(port(Server.APPLICATION), method, path, Map.of("Authorization", "Bearer " + TOKEN), body);
	}

	/**
	 * What a mutation that got through would have changed.
	 */
	private Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.putAll(this.jdbc.queryForMap("SELECT (SELECT COUNT(*) FROM collector_run) AS runs, "
				+ "(SELECT COUNT(*) FROM collector_backfill_task) AS backfill_tasks, "
				+ "(SELECT COUNT(*) FROM collector_backfill_task WHERE cancelled = TRUE) AS cancelled_backfill_tasks"));
		state.put("alerts sent", ALERTS.received());
		state.put("refreshes", this.refreshes.get());
		LoggerConfiguration logger = this.loggingSystem.getLoggerConfiguration(ProtectedEndpoint.LOGGER);
		state.put("logger level", (logger != null) ? String.valueOf(logger.getConfiguredLevel()) : "none");
		this.circuitBreakers.ifAvailable((registry) -> registry.getAllCircuitBreakers()
			.forEach((breaker) -> state.put("breaker " + breaker.getName(), breaker.getState())));
		return state;
	}

	private static String anyVariable(String pattern) {
		return pattern.replaceAll("\\{[^}]*}", "{*}");
	}

}
