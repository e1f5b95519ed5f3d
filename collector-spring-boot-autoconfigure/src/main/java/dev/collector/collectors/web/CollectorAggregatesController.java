package dev.collector.collectors.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CollectionInProgressException;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectionLauncher.Submission;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.collect.Trigger;
import dev.collector.ops.DataQualityController;
import dev.collector.ops.StatusController;
import dev.collector.web.CollectController;
import dev.collector.web.CollectResponses;
import dev.collector.web.CollectorHealthController;
import dev.collector.web.CollectorHealthController.HealthResponse;

/**
 * The paths of today that, with several collectors, answer for all of them:
 * {@code POST /collect} starts one run of each ("sync all", {@code ?collector=a,b} picks
 * some) and answers every run id (with {@code ?wait=true} every result);
 * {@code GET /status}, {@code /health} and {@code /data-quality} hold one entry per
 * collector in {@code collectors}. With a default collector, the top level of each answer
 * is what that collector alone answers, so clients of one collector keep working;
 * {@code ?collector=<name>} answers for that one collector only. {@code GET /ready}
 * depends on the database only, which all collectors share.
 */
@RestController
public class CollectorAggregatesController {

	private final CollectorRegistry registry;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	public CollectorAggregatesController(CollectorRegistry registry, ObjectMapper objectMapper, Clock clock) {
		this.registry = registry;
		this.objectMapper = objectMapper;
		this.clock = clock;
	}

	@PostMapping("/collect")
	public ResponseEntity<?> collect(@RequestParam(name = CollectorSelection.PARAMETER, required = false) String names,
			@RequestParam(defaultValue = "false") boolean wait,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
			@RequestParam(name = "validate_only", defaultValue = "false") boolean validateOnly) {
		List<CollectorUnit> units = selected(names);
		Map<String, Object> answers = new LinkedHashMap<>();
		if (validateOnly) {
			boolean allReachable = true;
			for (CollectorUnit unit : units) {
				ResponseEntity<?> answer = unit.get(CollectController.class).collect(false, false, true);
				allReachable &= answer.getStatusCode().is2xxSuccessful();
				answers.put(unit.name(), answer.getBody());
			}
			return ResponseEntity.status(allReachable ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
				.body(withDefault(answers));
		}
		// every run starts before any is awaited: a run of one never delays another's
		Map<String, Submission> started = new LinkedHashMap<>();
		for (CollectorUnit unit : units) {
			try {
				Submission submission = unit.get(CollectionLauncher.class).submit(Trigger.MANUAL, dryRun);
				started.put(unit.name(), submission);
				answers.put(unit.name(), new CollectResponses.Started(submission.runId(), "started",
						submission.trigger().label(), dryRun));
			}
			catch (CollectionInProgressException ex) {
				answers.put(unit.name(), notStarted("conflict", ex.getMessage(), ex.getRunningRunId()));
			}
			catch (RejectedExecutionException ex) {
				answers.put(unit.name(), notStarted("shutting_down", "The collector takes no new collections", null));
			}
		}
		if (started.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"No collection could start: " + answers.keySet() + " are running or shutting down");
			problem.setTitle("Collection in progress");
			problem.setProperty("collectors", answers);
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		if (wait) {
			started.forEach((name, submission) -> answers.put(name, finished(submission)));
		}
		return ResponseEntity.status(wait ? HttpStatus.OK : HttpStatus.ACCEPTED).body(withDefault(answers));
	}

	@GetMapping("/status")
	public Object status(@RequestParam(name = CollectorSelection.PARAMETER, required = false) String name) {
		return aggregate(name, (unit) -> unit.get(StatusController.class).status());
	}

	@GetMapping("/data-quality")
	public Object dataQuality(@RequestParam(name = CollectorSelection.PARAMETER, required = false) String name) {
		return aggregate(name, (unit) -> unit.get(DataQualityController.class).dataQuality());
	}

	@GetMapping("/health")
	public ResponseEntity<?> health(@RequestParam(name = CollectorSelection.PARAMETER, required = false) String name) {
		if (name != null) {
			return this.registry.get(name.trim()).get(CollectorHealthController.class).health();
		}
		Map<String, Object> answers = new LinkedHashMap<>();
		List<String> unhealthy = new ArrayList<>();
		boolean databaseConnected = true;
		for (CollectorUnit unit : this.registry.units()) {
			ResponseEntity<HealthResponse> answer = unit.get(CollectorHealthController.class).health();
			HealthResponse body = answer.getBody();
			answers.put(unit.name(), body);
			databaseConnected &= body.databaseConnected();
			if (!"healthy".equals(body.status())) {
				unhealthy.add(unit.name());
			}
		}
		Optional<CollectorUnit> defaultUnit = this.registry.defaultUnit();
		if (defaultUnit.isPresent()) {
			ResponseEntity<HealthResponse> answer = defaultUnit.get().get(CollectorHealthController.class).health();
			return ResponseEntity.status(answer.getStatusCode()).body(merged(answer.getBody(), answers));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", unhealthy.isEmpty() ? "healthy" : "unhealthy");
		body.put("timestamp", this.clock.instant().toString());
		body.put("database_connected", databaseConnected);
		body.put("unhealthy_collectors", unhealthy);
		body.put("reason", unhealthy.isEmpty() ? null : "unhealthy collectors: " + unhealthy);
		body.put("collectors", answers);
		return ResponseEntity.status(unhealthy.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	@GetMapping("/ready")
	public ResponseEntity<?> ready() {
		// the database and the application's readiness only: the same for every
		// collector
		CollectorUnit any = this.registry.defaultUnit().orElse(this.registry.units().get(0));
		return any.get(CollectorHealthController.class).ready();
	}

	private Object aggregate(String name, Function<CollectorUnit, Object> answer) {
		if (name != null) {
			return answer.apply(this.registry.get(name.trim()));
		}
		Map<String, Object> answers = new LinkedHashMap<>();
		for (CollectorUnit unit : this.registry.units()) {
			answers.put(unit.name(), answer.apply(unit));
		}
		Optional<CollectorUnit> defaultUnit = this.registry.defaultUnit();
		if (defaultUnit.isPresent()) {
			return merged(answers.get(defaultUnit.get().name()), answers);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("timestamp", this.clock.instant().toString());
		body.put("collectors", answers);
		return body;
	}

	private Map<String, Object> withDefault(Map<String, Object> answers) {
		Optional<CollectorUnit> defaultUnit = this.registry.defaultUnit();
		Object own = defaultUnit.map((unit) -> answers.get(unit.name())).orElse(null);
		if (own != null) {
			return merged(own, answers);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("collectors", answers);
		return body;
	}

	/**
	 * The default collector's own answer, and every collector's in {@code collectors}.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> merged(Object own, Map<String, Object> answers) {
		Map<String, Object> body = new LinkedHashMap<>(this.objectMapper.convertValue(own, Map.class));
		body.put("collectors", answers);
		return body;
	}

	private List<CollectorUnit> selected(String names) {
		if (names == null || names.isBlank()) {
			return this.registry.units();
		}
		List<CollectorUnit> units = new ArrayList<>();
		for (String name : names.split(",")) {
			if (!name.isBlank()) {
				CollectorUnit unit = this.registry.get(name.trim());
				if (!units.contains(unit)) {
					units.add(unit);
				}
			}
		}
		return units.isEmpty() ? this.registry.units() : units;
	}

	private static Object finished(Submission submission) {
		try {
			return CollectResponses.Finished.of(submission.result().join());
		}
		catch (CompletionException ex) {
			// a cluster-wide launcher finds out only now that another replica runs it
			if (ex.getCause() instanceof CollectionInProgressException inProgress) {
				return notStarted("conflict", inProgress.getMessage(), inProgress.getRunningRunId());
			}
			throw ex;
		}
	}

	private static Map<String, Object> notStarted(String status, String detail, String runningRunId) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", status);
		answer.put("detail", detail);
		answer.put("running_run_id", runningRunId);
		return answer;
	}

}
