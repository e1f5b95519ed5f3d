package dev.collector.collect;

import java.util.Locale;

/**
 * What started a collection.
 */
public enum Trigger {

	/** The schedule ({@code collector.schedule.interval}). */
	SCHEDULED,

	/** A {@code POST /collect} request or a direct call. */
	MANUAL,

	/** A chunk of a backfill task. */
	BACKFILL;

	/**
	 * The value used in JSON answers and metric labels.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
