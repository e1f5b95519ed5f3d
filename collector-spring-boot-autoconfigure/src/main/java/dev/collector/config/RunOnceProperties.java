package dev.collector.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of a one-shot run selected with {@code collector.run}, under
 * {@code collector.run-once.*}.
 */
public class RunOnceProperties {

	/**
	 * First day (YYYY-MM-DD, inclusive) of a backfill run; unset for
	 * collector.backfill.beginning-date. Checked like the start_date of POST /backfill: a
	 * bad date refuses the run (exit code 3).
	 */
	private String from;

	/**
	 * Last day (YYYY-MM-DD, inclusive) of a backfill run; unset for yesterday.
	 */
	private String to;

	/**
	 * Symbols a backfill run collects; empty for all of the collector's symbols.
	 */
	private List<String> symbols = new ArrayList<>();

	/**
	 * Whether a backfill run collects periods again that are already covered.
	 */
	private boolean force;

	/**
	 * Whether a collect run fetches and validates without writing, and a backfill run
	 * prints its plan without starting it.
	 */
	private boolean dryRun;

	/**
	 * Whether the JVM exits with the run's exit code once the run ended and the
	 * application context closed. Switch off to keep the context, e.g. in a test.
	 */
	private boolean exit = true;

	/**
	 * With several collectors: the names of those that a collect, check or checkpoints
	 * run covers (all when empty), or the one collector a backfill run fills (needed
	 * unless collector.default-collector or a @Primary collector designates one). Ignored
	 * with a single collector.
	 */
	private List<String> collectors = new ArrayList<>();

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getTo() {
		return this.to;
	}

	public void setTo(String to) {
		this.to = to;
	}

	public List<String> getSymbols() {
		return this.symbols;
	}

	public void setSymbols(List<String> symbols) {
		this.symbols = symbols;
	}

	public boolean isForce() {
		return this.force;
	}

	public void setForce(boolean force) {
		this.force = force;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public boolean isExit() {
		return this.exit;
	}

	public void setExit(boolean exit) {
		this.exit = exit;
	}

	public List<String> getCollectors() {
		return this.collectors;
	}

	public void setCollectors(List<String> collectors) {
		this.collectors = collectors;
	}

}
