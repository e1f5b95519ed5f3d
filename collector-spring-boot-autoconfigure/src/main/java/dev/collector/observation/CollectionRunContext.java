package dev.collector.observation;

import java.time.Instant;

import io.micrometer.observation.Observation;

/**
 * What a {@code collector.run} observation knows of its run. The window is known once the
 * run read its checkpoint, the outcome when it ends.
 */
public class CollectionRunContext extends Observation.Context {

	private final String collector;

	private final String trigger;

	private final String runId;

	private final boolean dryRun;

	private Instant from;

	private Instant to;

	private String outcome = "unknown";

	public CollectionRunContext(String collector, String trigger, String runId, boolean dryRun) {
		this.collector = collector;
		this.trigger = trigger;
		this.runId = runId;
		this.dryRun = dryRun;
	}

	public String getCollector() {
		return this.collector;
	}

	public String getTrigger() {
		return this.trigger;
	}

	public String getRunId() {
		return this.runId;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public Instant getFrom() {
		return this.from;
	}

	public Instant getTo() {
		return this.to;
	}

	/**
	 * Set the window the run collects.
	 * @param from its start, inclusive
	 * @param to its end, exclusive
	 */
	public void setWindow(Instant from, Instant to) {
		this.from = from;
		this.to = to;
	}

	/**
	 * How the run ended: {@code succeeded}, {@code partial} or {@code failed}.
	 * @return the outcome, {@code unknown} while it runs
	 */
	public String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
