package dev.collector.collectors.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorStatus;
import dev.collector.collect.CollectorUnit;

/**
 * {@code GET /collectors}: the application's collectors, which is the default, and the
 * state of each (running, last run, last success, consecutive failures); {@code GET
 * /collectors/{name}}: one of them. Every other path under {@code /collectors/{name}/}
 * that no collector serves answers 404, naming the collectors when the name is unknown.
 * Each collector's own endpoints are mapped under its prefix by
 * {@link CollectorHandlerMapping}.
 */
@RestController
public class CollectorsController {

	/** The path of the list, and the prefix of each collector's paths. */
	public static final String PATH = "/collectors";

	private final CollectorRegistry registry;

	public CollectorsController(CollectorRegistry registry) {
		this.registry = registry;
	}

	@GetMapping(PATH)
	public Map<String, Object> collectors() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("default_collector", this.registry.defaultUnit().map(CollectorUnit::name).orElse(null));
		body.put("collectors", this.registry.units().stream().map(this::describe).toList());
		return body;
	}

	@GetMapping(PATH + "/{name}")
	public Map<String, Object> collector(@PathVariable String name) {
		return describe(this.registry.get(name));
	}

	private Map<String, Object> describe(CollectorUnit unit) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", unit.name());
		entry.put("default", this.registry.defaultUnit().filter((candidate) -> candidate == unit).isPresent());
		entry.put("path", PATH + "/" + unit.name());
		Optional<CollectorStatus> status = unit.find(CollectorStatus.class);
		CollectorStatus.Snapshot snapshot = status.map(CollectorStatus::snapshot).orElse(null);
		Optional<CollectionRequest> running = status.flatMap(CollectorStatus::running);
		entry.put("state", state(running.isPresent(), snapshot));
		entry.put("running", running.isPresent());
		entry.put("running_run_id", running.map(CollectionRequest::runId).orElse(null));
		entry.put("last_run", (snapshot != null) ? run(snapshot.lastRun()) : null);
		entry.put("last_successful_collection", (snapshot != null && snapshot.lastSuccess() != null)
				? snapshot.lastSuccess().finishedAt().toString() : null);
		entry.put("consecutive_failures", (snapshot != null) ? snapshot.consecutiveFailures() : 0);
		entry.put("errors", (snapshot != null) ? errors(snapshot) : List.of());
		return entry;
	}

	private static String state(boolean running, CollectorStatus.Snapshot snapshot) {
		if (running) {
			return "running";
		}
		if (snapshot == null || snapshot.lastRun() == null) {
			return "idle";
		}
		return (snapshot.consecutiveFailures() > 0) ? "failing" : "ok";
	}

	private static Map<String, Object> run(CollectionResult result) {
		if (result == null) {
			return null;
		}
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("run_id", result.runId());
		run.put("status", result.statusLabel());
		run.put("trigger", result.request().trigger().label());
		run.put("finished_at", result.finishedAt().toString());
		run.put("records_inserted", result.counts().inserted());
		run.put("error", result.error());
		return run;
	}

	private static List<Map<String, String>> errors(CollectorStatus.Snapshot snapshot) {
		return snapshot.failingParts()
			.shown()
			.stream()
			.map((part) -> Map.of("part", part.part(), "error", part.error()))
			.toList();
	}

}
