package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

import dev.collector.backfill.CoverageLedger.Entry;
import dev.collector.backfill.CoverageLedger.State;

/**
 * The rules of the {@link CoverageLedger}: what a period's row becomes after a collection
 * over part or all of it succeeded or failed, given what the row holds. No database here;
 * the ledger reads the rows and writes what these rules return.
 */
final class CoverageTransitions {

	private final Clock clock;

	private final IntFunction<Duration> backoff;

	/**
	 * Create the rules.
	 * @param clock the clock (retry times)
	 * @param backoff the delay before the retry that follows the n-th failure (n from 1)
	 */
	CoverageTransitions(Clock clock, IntFunction<Duration> backoff) {
		this.clock = clock;
		this.backoff = backoff;
	}

	/**
	 * A period's row after a success over {@code [from, to)} of it, or {@code null} when
	 * it does not change (covered already, or a partial span the window does not touch).
	 */
	Span succeeded(Entry entry, Instant from, Instant to, Instant periodStart, Instant periodEnd) {
		if (entry != null && entry.state() == State.COVERED) {
			return null;
		}
		Instant chainFrom = (entry != null && entry.coveredUntil() != null)
				? ((entry.coveredFrom() != null) ? entry.coveredFrom() : periodStart) : null;
		Instant chainTo = (entry != null) ? entry.coveredUntil() : null;
		if (chainTo != null && (from.isAfter(chainTo) || to.isBefore(chainFrom))) {
			// not touching the span: what lies between was not collected
			if (entry.state() == State.FAILED) {
				Instant now = this.clock.instant();
				return new Span(State.FAILED, chainFrom, chainTo, entry.error(), 0,
						(entry.retryAt() != null) ? now : null);
			}
			return null;
		}
		Instant newFrom = (chainFrom != null) ? min(chainFrom, from) : from;
		Instant newTo = (chainTo != null) ? max(chainTo, to) : to;
		boolean whole = !newFrom.isAfter(periodStart) && !newTo.isBefore(periodEnd);
		return new Span(whole ? State.COVERED : State.PARTIAL, newFrom.isAfter(periodStart) ? newFrom : null, newTo,
				null, 0, null);
	}

	/**
	 * A period's failed state, or {@code null} when it is covered (a failure never
	 * uncovers what is stored).
	 */
	Span failed(Entry entry, Instant failedFrom, String error, boolean retriedByLiveRuns) {
		if (entry != null && entry.state() == State.COVERED) {
			return null;
		}
		int attempts = ((entry != null) ? entry.attempts() : 0) + 1;
		Instant retryAt = retriedByLiveRuns ? this.clock.instant().plus(this.backoff.apply(attempts)) : null;
		if (entry != null && entry.coveredUntil() != null) {
			return new Span(State.FAILED, entry.coveredFrom(), entry.coveredUntil(), error, attempts, retryAt);
		}
		// an empty span where the failure began: a retry starts there
		return new Span(State.FAILED, failedFrom, failedFrom, error, attempts, retryAt);
	}

	static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/** What a period's row will hold. */
	record Span(State state, Instant coveredFrom, Instant coveredUntil, String error, int attempts, Instant retryAt) {
	}

}
