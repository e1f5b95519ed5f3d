package dev.collector.backfill;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How far back records are kept: the start of the oldest period the retention purge
 * keeps. Gap analysis, backfill and the retries of failed periods never plan a period
 * before it, so that the purge and the backfill never chase each other, and the purge
 * deletes the ledger's rows of the periods it deleted, so that the ledger never claims
 * what is not stored.
 */
@FunctionalInterface
public interface RetentionHorizon {

	/** Records are kept forever. */
	RetentionHorizon NONE = Optional::empty;

	/**
	 * The start of the oldest period whose records are kept, now.
	 * @return the horizon, empty when records are kept forever
	 */
	Optional<LocalDate> horizon();

}
