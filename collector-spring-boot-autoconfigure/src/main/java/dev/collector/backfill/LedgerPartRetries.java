package dev.collector.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.PartRetries;

/**
 * Failed parts of earlier live runs, retried by the next live runs from the coverage
 * ledger: the periods a live run marked failed get a retry time with back-off (the
 * backfill's {@code retry-initial-delay} times {@code retry-multiplier} per failure);
 * once due, and while they failed at most {@code collector.backfill.max-retries} times,
 * the next live run collects their symbols again from where their collected span ends up
 * to its own window. A part that succeeds again in a live run has its gap retried at
 * once.
 */
public class LedgerPartRetries implements PartRetries {

	private final String collector;

	private final CoverageLedger ledger;

	private final Supplier<LocalDate> firstDay;

	private final IntSupplier maxRetries;

	/**
	 * Create the retries.
	 * @param collector the collector's name
	 * @param ledger the ledger
	 * @param firstDay the first day to look at (beginning date or retention horizon)
	 * @param maxRetries failures after which a period is left to a backfill
	 */
	public LedgerPartRetries(String collector, CoverageLedger ledger, Supplier<LocalDate> firstDay,
			IntSupplier maxRetries) {
		this.collector = collector;
		this.ledger = ledger;
		this.firstDay = firstDay;
		this.maxRetries = maxRetries;
	}

	@Override
	public List<CollectionRequest> retries(CollectionRequest live) {
		Map<String, Instant> due = this.ledger.dueRetries(this.collector, this.firstDay.get(),
				this.maxRetries.getAsInt());
		due.keySet().removeIf((symbol) -> !CoverageLedger.ALL_SYMBOLS.equals(symbol) && !live.includes(symbol));
		if (due.isEmpty()) {
			return List.of();
		}
		Instant from = due.values().stream().min(Instant::compareTo).get();
		if (!from.isBefore(live.from())) {
			return List.of();
		}
		Set<String> symbols = due.containsKey(CoverageLedger.ALL_SYMBOLS) ? live.symbols()
				: new TreeSet<>(due.keySet());
		return List.of(live.withWindow(from, live.from(), symbols));
	}

}
