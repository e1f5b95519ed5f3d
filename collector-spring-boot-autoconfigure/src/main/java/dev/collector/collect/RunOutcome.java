package dev.collector.collect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How part failures decide a run's outcome: a run whose parts all failed failed as a
 * whole; one with some failed parts is partial.
 */
final class RunOutcome {

	/** The part a retry names when it covered every symbol. */
	static final String ALL_PARTS = "*";

	private static final int SUMMARISED = 5;

	private RunOutcome() {
	}

	/**
	 * Why a window whose parts failed failed as a whole, if it did: every symbol it asked
	 * for failed, or parts that are not symbols failed and nothing at all was read.
	 * @param request the window
	 * @param counts what was read
	 * @param knownSymbols the collector's symbols
	 * @return the reason, or {@code null} when the window is not a whole failure
	 */
	static String wholeFailure(CollectionRequest request, RecordCounts counts, Set<String> knownSymbols) {
		List<PartFailure> failures = request.failures().list();
		if (failures.isEmpty()) {
			return null;
		}
		Set<String> parts = new LinkedHashSet<>();
		failures.forEach((failure) -> parts.add(failure.part()));
		Set<String> symbols = request.symbols().isEmpty() ? knownSymbols : request.symbols();
		boolean everySymbol = !symbols.isEmpty() && parts.containsAll(symbols);
		boolean nothingRead = counts.collected() == 0 && !symbols.containsAll(parts);
		if (!everySymbol && !nothingRead) {
			return null;
		}
		return "every part failed (" + parts.size() + "): " + failures.get(0).part() + ": " + failures.get(0).error();
	}

	/**
	 * The error text of a partial run: how many parts failed and the first ones.
	 * @param failures the failures
	 * @return the summary, {@code null} when none failed
	 */
	static String summary(PartFailures failures) {
		if (failures.isEmpty()) {
			return null;
		}
		List<PartFailure> list = failures.list();
		StringBuilder text = new StringBuilder().append(failures.count()).append(" part(s) failed: ");
		for (int i = 0; i < Math.min(SUMMARISED, list.size()); i++) {
			text.append((i > 0) ? "; " : "").append(list.get(i).part()).append(": ").append(list.get(i).error());
		}
		if (failures.count() > SUMMARISED) {
			text.append("; and ").append(failures.count() - SUMMARISED).append(" more");
		}
		return text.toString();
	}

}
