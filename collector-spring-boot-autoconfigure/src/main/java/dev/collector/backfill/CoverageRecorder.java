package dev.collector.backfill;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.collector.collect.CollectionObserver;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.Trigger;

/**
 * Records scheduled and manual runs in the coverage ledger once they ended (after the
 * sink committed); backfill chunks record their own periods.
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
		List<String> symbols = result.request().symbols().isEmpty() ? this.allSymbols
				: List.copyOf(result.request().symbols());
		try {
			for (String symbol : symbols) {
				this.ledger.recordWindow(this.collector, symbol, result.request().from(), result.request().to(),
						result.runId(), result.succeeded() ? null : result.error());
			}
		}
		catch (RuntimeException ex) {
			// the records are stored; a later backfill finds the period missing and
			// redoes it
			logger.warn("Could not record run " + result.runId() + " in the coverage ledger: " + ex.getMessage());
		}
	}

}
