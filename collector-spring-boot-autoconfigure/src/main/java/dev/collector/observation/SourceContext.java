package dev.collector.observation;

import java.time.Instant;
import java.util.Set;

import io.micrometer.observation.Observation;

/**
 * What a {@code collector.source} observation knows of the source's calls for one window.
 */
public class SourceContext extends Observation.Context {

	private final String collector;

	private final String runId;

	private final Instant from;

	private final Instant to;

	private final Set<String> symbols;

	public SourceContext(String collector, String runId, Instant from, Instant to, Set<String> symbols) {
		this.collector = collector;
		this.runId = runId;
		this.from = from;
		this.to = to;
		this.symbols = symbols;
	}

	public String getCollector() {
		return this.collector;
	}

	public String getRunId() {
		return this.runId;
	}

	public Instant getFrom() {
		return this.from;
	}

	public Instant getTo() {
		return this.to;
	}

	/**
	 * The symbols asked for.
	 * @return the symbols, empty for all
	 */
	public Set<String> getSymbols() {
		return this.symbols;
	}

}
