package dev.collector.collect;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one collection asks the {@link Collector} for.
 *
 * @param runId unique id of the run, also in the logs' MDC as {@code run_id}
 * @param trigger what started the run
 * @param from start of the window, inclusive
 * @param to end of the window, exclusive
 * @param symbols the keys to collect; empty means all the collector knows
 * @param force whether to re-collect data that is already stored
 * @param dryRun whether to fetch and validate only, writing nothing
 */
public record CollectionRequest(String runId, Trigger trigger, Instant from, Instant to, Set<String> symbols,
		boolean force, boolean dryRun) {

	public CollectionRequest {
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

	static String newRunId() {
		return UUID.randomUUID().toString();
	}

}
