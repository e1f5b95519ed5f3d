package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.Set;

import dev.collector.backfill.BackfillPlan.PlannedChunk;

/**
 * Checks a backfill request and turns it into a plan: gap analysis on the coverage
 * ledger, chunks of {@code collector.backfill.batch-size} periods per symbol, and the
 * estimates. Rejects with {@link BackfillRequestException}, before anything is stored.
 */
public class BackfillPlanner {

	private final String collector;

	private final Set<String> knownSymbols;

	private final CoverageLedger ledger;

	private final Supplier<BackfillLimits> limits;

	private final Clock clock;

	private final IntSupplier requestsPerMinute;

	private final RetentionHorizon retention;

	/**
	 * Create a planner.
	 * @param collector the collector's name
	 * @param knownSymbols the collector's symbols (empty: it has none)
	 * @param ledger the coverage ledger
	 * @param limits what a backfill may ask for, read at each use (they can change live)
	 * @param clock the clock ("yesterday", "the future")
	 * @param requestsPerMinute the source's current rate limit (it may change on
	 * refresh), for the duration estimate
	 */
	public BackfillPlanner(String collector, Set<String> knownSymbols, CoverageLedger ledger,
			Supplier<BackfillLimits> limits, Clock clock, IntSupplier requestsPerMinute) {
		this(collector, knownSymbols, ledger, limits, clock, requestsPerMinute, RetentionHorizon.NONE);
	}

	/**
	 * Create a planner that plans nothing the retention purge deletes.
	 * @param collector the collector's name
	 * @param knownSymbols the collector's symbols (empty: it has none)
	 * @param ledger the coverage ledger
	 * @param limits what a backfill may ask for, read at each use (they can change live)
	 * @param clock the clock ("yesterday", "the future")
	 * @param requestsPerMinute the source's current rate limit (it may change on
	 * refresh), for the duration estimate
	 * @param retention how far back records are kept
	 */
	public BackfillPlanner(String collector, Set<String> knownSymbols, CoverageLedger ledger,
			Supplier<BackfillLimits> limits, Clock clock, IntSupplier requestsPerMinute, RetentionHorizon retention) {
		this.retention = retention;
		this.collector = collector;
		this.knownSymbols = knownSymbols;
		this.ledger = ledger;
		this.limits = limits;
		this.clock = clock;
		this.requestsPerMinute = requestsPerMinute;
	}

	/**
	 * The symbols ledger entries are kept under.
	 * @return the collector's symbols, or {@link CoverageLedger#ALL_SYMBOLS}
	 */
	public List<String> ledgerSymbols() {
		return this.knownSymbols.isEmpty() ? List.of(CoverageLedger.ALL_SYMBOLS) : List.copyOf(this.knownSymbols);
	}

	/**
	 * The first day gap analysis looks at: {@code collector.backfill.beginning-date}, or
	 * the retention horizon when that is later (older records are deleted by the purge).
	 * @return the first day
	 */
	public LocalDate firstDay() {
		LocalDate beginning = this.limits.get().beginningDate();
		return this.retention.horizon().filter((horizon) -> horizon.isAfter(beginning)).orElse(beginning);
	}

	public BackfillPlan plan(BackfillRequest request) {
		LocalDate yesterday = LocalDate.now(this.clock).minusDays(1);
		LocalDate start = (request.startDate() != null) ? notBeforeHorizon("start_date", request.startDate())
				: firstDay();
		LocalDate end = (request.endDate() != null) ? date("end_date", request.endDate()) : yesterday;
		if (end.isAfter(yesterday)) {
			throw new BackfillRequestException("end_date " + end + " is in the future or today: a backfill collects"
					+ " whole past days, up to yesterday (" + yesterday + "); the schedule collects today");
		}
		if (start.isAfter(end)) {
			throw new BackfillRequestException("start_date " + start + " is after end_date " + end);
		}
		if (start.plus(this.limits.get().maxRange()).isBefore(end)) {
			throw new BackfillRequestException(
					"The range " + start + " .. " + end + " is longer than" + " collector.backfill.max-range ("
							+ this.limits.get().maxRange() + "); split it into smaller requests");
		}
		List<String> symbols = symbols(request.symbols());
		List<PlannedChunk> chunks = new ArrayList<>();
		int missing = 0;
		long requests = 0;
		for (String symbol : symbols) {
			List<LocalDate> periods = request.force() ? this.ledger.periods().between(start, end)
					: this.ledger.missing(this.collector, symbol, start, end);
			missing += periods.size();
			for (int i = 0; i < periods.size(); i += this.limits.get().batchSize()) {
				List<LocalDate> batch = List
					.copyOf(periods.subList(i, Math.min(periods.size(), i + this.limits.get().batchSize())));
				chunks.add(new PlannedChunk(symbol, batch));
				requests += contiguousRanges(batch, this.ledger.periods()).size();
			}
		}
		Duration duration = Duration
			.ofMillis(Math.round(requests * 60_000.0 / Math.max(1, this.requestsPerMinute.getAsInt())));
		return new BackfillPlan(start, end, symbols, request.force(), missing, chunks,
				missing * this.limits.get().estimatedRecordsPerPeriod(), requests, duration);
	}

	/**
	 * The ledger of a range, for {@code GET /coverage}.
	 * @param symbol one symbol, or {@code null} for all
	 * @param from first day (text), {@code null} for the beginning date
	 * @param to last day (text), {@code null} for yesterday
	 * @return the report
	 * @throws BackfillRequestException when a parameter is invalid
	 */
	public CoverageReport coverage(String symbol, String from, String to) {
		LocalDate first = (from != null && !from.isBlank()) ? notBeforeHorizon("from", from) : firstDay();
		LocalDate last = (to != null && !to.isBlank()) ? date("to", to) : LocalDate.now(this.clock).minusDays(1);
		if (first.isAfter(last)) {
			throw new BackfillRequestException("from " + first + " is after to " + last);
		}
		if (first.plus(this.limits.get().maxRange()).isBefore(last)) {
			throw new BackfillRequestException("The range " + first + " .. " + last + " is longer than"
					+ " collector.backfill.max-range (" + this.limits.get().maxRange() + ")");
		}
		List<String> symbols = symbols((symbol != null && !symbol.isBlank()) ? List.of(symbol) : null);
		return CoverageReport.read(this.ledger, this.collector, symbols, first, last);
	}

	private List<String> symbols(List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			return ledgerSymbols();
		}
		Set<String> unknown = new LinkedHashSet<>(requested);
		unknown.removeAll(this.knownSymbols);
		if (!unknown.isEmpty()) {
			throw new BackfillRequestException(
					"Unknown symbol(s) " + unknown + (this.knownSymbols.isEmpty() ? ": this collector has no symbols"
							: "; known symbols: " + this.knownSymbols.stream().sorted().toList()));
		}
		return List.copyOf(new LinkedHashSet<>(requested));
	}

	/**
	 * A date that must not precede the retention horizon: what lies before it is deleted
	 * by the purge, so a backfill could not keep it and the ledger does not track it.
	 */
	private LocalDate notBeforeHorizon(String field, String value) {
		LocalDate date = date(field, value);
		LocalDate horizon = this.retention.horizon().orElse(null);
		if (horizon != null && date.isBefore(horizon)) {
			throw new BackfillRequestException(field + " " + date + " is before the retention horizon " + horizon
					+ ": records older than collector.retention.days are deleted, so they are neither backfilled nor"
					+ " tracked in the coverage ledger. Start at " + horizon + " or later (the default start is"
					+ " collector.backfill.beginning-date, " + this.limits.get().beginningDate()
					+ ", or the horizon when later), or raise collector.retention.days");
		}
		return date;
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new BackfillRequestException(field + " '" + value + "' is not a date in the form YYYY-MM-DD");
		}
	}

	/**
	 * Group period starts into runs of consecutive periods, each one source call.
	 * @param starts period starts in order
	 * @param periods the ledger's periods
	 * @return each run's first and last period start
	 */
	static List<LocalDate[]> contiguousRanges(List<LocalDate> starts, LedgerPeriods periods) {
		List<LocalDate[]> ranges = new ArrayList<>();
		LocalDate first = null;
		LocalDate last = null;
		for (LocalDate start : starts) {
			if (last != null && periods.end(last).equals(start)) {
				last = start;
				continue;
			}
			if (first != null) {
				ranges.add(new LocalDate[] { first, last });
			}
			first = start;
			last = start;
		}
		if (first != null) {
			ranges.add(new LocalDate[] { first, last });
		}
		return ranges;
	}

}
