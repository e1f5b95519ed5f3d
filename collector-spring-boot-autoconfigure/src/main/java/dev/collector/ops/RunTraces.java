package dev.collector.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import dev.collector.collect.CollectionObserver;
import dev.collector.collect.CollectionRequest;

/**
 * The trace ids of this instance's recent runs, as the {@code run_traces} section of GET
 * /status: a run id found in the run history or a log line leads to its trace. Kept in
 * memory (the last {@value #KEPT} runs since the start), not in the run history table.
 */
public class RunTraces implements CollectionObserver, StatusContributor {

	static final int KEPT = 20;

	private final Tracer tracer;

	private final Map<String, String> traces = new LinkedHashMap<>(KEPT * 2, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > KEPT;
		}

	};

	public RunTraces(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public void runStarted(CollectionRequest request) {
		// on the run's thread, with the run's observation (its span) in scope
		Span span = this.tracer.currentSpan();
		if (span != null && !span.isNoop()) {
			synchronized (this.traces) {
				this.traces.put(request.runId(), span.context().traceId());
			}
		}
	}

	/**
	 * The trace of a recent run.
	 * @param runId the run's id
	 * @return its trace id, or {@code null} when unknown or not sampled
	 */
	public String traceId(String runId) {
		synchronized (this.traces) {
			return this.traces.get(runId);
		}
	}

	@Override
	public String name() {
		return "run_traces";
	}

	@Override
	public Object status() {
		List<Map<String, String>> newestFirst = new ArrayList<>();
		synchronized (this.traces) {
			this.traces.forEach((runId, traceId) -> newestFirst.add(0, Map.of("run_id", runId, "trace_id", traceId)));
		}
		return newestFirst;
	}

}
