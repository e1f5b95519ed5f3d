package dev.collector.collect;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one collection asks the {@link Collector} for.
 * <p>
 * The window is [{@code from}, {@code to}). The framework does not filter what the
 * collector returns: a scheduled or manual run may return records outside the window (a
 * source offering only its latest items), which are stored like the others, while a
 * backfill run should keep to it, since the coverage ledger marks exactly its window
 * covered. See {@link Collector#collect(CollectionRequest)}.
 *
 * @param runId unique id of the run, also in the logs' MDC as {@code run_id}
 * @param trigger what started the run
 * @param from start of the window, inclusive
 * @param to end of the window, exclusive
 * @param symbols the keys to collect; empty means all the collector knows
 * @param force whether to re-collect data that is already stored: set on the runs of a
 * backfill asked with {@code force: true}; the collector reads the window from the source
 * again, past any cache or marker of its own
 * @param dryRun whether to fetch and validate only, writing nothing
 * @param failures the parts of the run that failed so far, shared by every request of the
 * run; report one with {@link #failed(String, Throwable)}
 */
public record CollectionRequest(String runId, Trigger trigger, Instant from, Instant to, Set<String> symbols,
		boolean force, boolean dryRun, PartFailures failures) {

	/**
	 * A request of a new run, with no part failed yet.
	 * @param runId unique id of the run
	 * @param trigger what started the run
	 * @param from start of the window, inclusive
	 * @param to end of the window, exclusive
	 * @param symbols the keys to collect; empty means all the collector knows
	 * @param force whether to re-collect data that is already stored
	 * @param dryRun whether to fetch and validate only, writing nothing
	 */
	public CollectionRequest(String runId, Trigger trigger, Instant from, Instant to, Set<String> symbols,
			boolean force, boolean dryRun) {
		this(runId, trigger, from, to, symbols, force, dryRun, new PartFailures());
	}

	public CollectionRequest {
		failures = (failures != null) ? failures : new PartFailures();
		Objects.requireNonNull(runId, "runId");
		Objects.requireNonNull(trigger, "trigger");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		symbols = (symbols != null) ? Set.copyOf(symbols) : Set.of();
		if (from.isAfter(to)) {
			throw new IllegalArgumentException("Window start " + from + " is after its end " + to);
		}
	}

	/**
	 * A request for all symbols over a window, with a new run id.
	 * @param trigger what starts the run
	 * @param from start of the window, inclusive
	 * @param to end of the window, exclusive
	 * @return the request
	 */
	public static CollectionRequest of(Trigger trigger, Instant from, Instant to) {
		return new CollectionRequest(newRunId(), trigger, from, to, Set.of(), false, false);
	}

	/**
	 * Whether the request covers a symbol.
	 * @param symbol a key the collector knows
	 * @return {@code true} when {@link #symbols()} is empty or contains it
	 */
	public boolean includes(String symbol) {
		return this.symbols.isEmpty() || this.symbols.contains(symbol);
	}

	/**
	 * Report that one part of this request failed (a symbol, a feed, a page) and go on
	 * with the others: what the other parts return is stored and the run ends
	 * {@code partial}. The part's periods are marked failed in the coverage ledger, with
	 * the error, and retried by the next runs. Use a symbol as the part when the failure
	 * concerns one, so that only that symbol is retried. Throw instead when the source
	 * fails as a whole (it cannot be reached): the run fails.
	 * @param part what failed, e.g. a symbol or a feed id
	 * @param cause why
	 */
	public void failed(String part, Throwable cause) {
		this.failures.add(new PartFailure(part, PartFailure.describe(cause), this.from, this.to));
	}

	/**
	 * The same request for one symbol, in the same run.
	 * @param symbol the symbol
	 * @return the request
	 */
	public CollectionRequest forSymbol(String symbol) {
		return new CollectionRequest(this.runId, this.trigger, this.from, this.to, Set.of(symbol), this.force,
				this.dryRun, this.failures);
	}

	/**
	 * Another window of the same run (a retry of failed parts), for some symbols.
	 * @param from start of the window, inclusive
	 * @param to end of the window, exclusive
	 * @param symbols the symbols, empty for all
	 * @return the request
	 */
	public CollectionRequest withWindow(Instant from, Instant to, Set<String> symbols) {
		return new CollectionRequest(this.runId, this.trigger, from, to, symbols, this.force, this.dryRun,
				this.failures);
	}

	/**
	 * Requests are equal when they ask for the same: the failures reported so far are not
	 * part of what was asked.
	 */
	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof CollectionRequest that && this.runId.equals(that.runId)
				&& this.trigger == that.trigger && this.from.equals(that.from) && this.to.equals(that.to)
				&& this.symbols.equals(that.symbols) && this.force == that.force && this.dryRun == that.dryRun);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(this.runId, this.trigger, this.from, this.to, this.symbols, this.force,
				this.dryRun);
	}

	@Override
	public String toString() {
		return "CollectionRequest[runId=" + this.runId + ", trigger=" + this.trigger + ", from=" + this.from + ", to="
				+ this.to + ", symbols=" + this.symbols + ", force=" + this.force + ", dryRun=" + this.dryRun + "]";
	}

	static String newRunId() {
		return UUID.randomUUID().toString();
	}

}
