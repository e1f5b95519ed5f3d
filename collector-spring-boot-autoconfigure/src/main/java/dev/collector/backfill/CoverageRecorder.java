package dev.collector.backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.collector.collect.CollectionObserver;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.PartFailure;
import dev.collector.collect.Trigger;

/**
 * Records scheduled and manual runs in the coverage ledger once they ended (after the
 * sink committed): per symbol and window, what was collected and what failed. A failed
 * run fails every symbol of its windows; a partial run fails the symbols named by its
 * part failures (a part that is not a symbol fails every symbol of its window) and covers
 * the others. The retried windows come first: they end where the run's own window starts.
 * Backfill chunks record their own periods.
 */
public class CoverageRecorder implements CollectionObserver {

	private static final Log logger = LogFactory.getLog(CoverageRecorder.class);

	private final String collector;

	private final CoverageLedger ledger;

	private final List<String> allSymbols;

	public CoverageRecorder(String collector, CoverageLedger ledger, List<String> allSymbols) {
		this.collector = collector;
		this.ledger = ledger;
		this.allSymbols = allSymbols;
	}

	@Override
	public void runFinished(CollectionResult result) {
		if (result.request().dryRun() || result.request().trigger() == Trigger.BACKFILL) {
			return;
		}
		List<CollectionRequest> windows = new ArrayList<>(result.retries());
		windows.add(result.request());
		try {
			for (CollectionRequest window : windows) {
				record(result, window);
			}
		}
		catch (RuntimeException ex) {
			// the records are stored; a later backfill finds the period missing and
			// redoes it
			logger.warn("Could not record run " + result.runId() + " in the coverage ledger: " + ex.getMessage());
		}
	}

	private void record(CollectionResult result, CollectionRequest window) {
		List<String> symbols = window.symbols().isEmpty() ? this.allSymbols : List.copyOf(window.symbols());
		List<PartFailure> failures = result.partFailures()
			.stream()
			.filter((failure) -> failure.from().equals(window.from()) && failure.to().equals(window.to()))
			.toList();
		String wholeWindow = (result.status() == CollectionResult.Status.FAILED) ? result.error() : null;
		Set<String> known = Set.copyOf(this.allSymbols);
		for (PartFailure failure : failures) {
			if (wholeWindow == null && !known.contains(failure.part())) {
				wholeWindow = failure.part() + ": " + failure.error();
			}
		}
		for (String symbol : symbols) {
			String error = wholeWindow;
			if (error == null) {
				error = failures.stream()
					.filter((failure) -> failure.part().equals(symbol))
					.map(PartFailure::error)
					.findFirst()
					.orElse(null);
			}
			this.ledger.recordWindow(this.collector, symbol, window.from(), window.to(), result.runId(), error);
		}
	}

}
