package dev.collector.backfill;

import java.util.Locale;

/**
 * The state of a backfill task.
 */
public enum BackfillStatus {

	/** No chunk started yet. */
	PENDING,

	/** Chunks are being executed. */
	RUNNING,

	/** Every chunk succeeded. */
	SUCCEEDED,

	/**
	 * At least one chunk failed after its retries; the periods of the others stay
	 * covered.
	 */
	FAILED,

	/** Cancelled: running chunks finished, no new ones started. */
	CANCELLED;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

}
