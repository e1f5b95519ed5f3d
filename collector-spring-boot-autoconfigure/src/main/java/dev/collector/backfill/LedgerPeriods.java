package dev.collector.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods of the coverage ledger: consecutive spans of
 * {@code collector.backfill.period} (UTC dates), aligned on
 * {@code collector.backfill.beginning-date}.
 */
public final class LedgerPeriods {

	private final LocalDate anchor;

	private final Period length;

	public LedgerPeriods(LocalDate anchor, Period length) {
		this.anchor = anchor;
		this.length = length;
	}

	public Period length() {
		return this.length;
	}

	/**
	 * The start of the period that contains a day.
	 * @param day any day
	 * @return the start of its period
	 */
	public LocalDate floor(LocalDate day) {
		if (this.length.equals(Period.ofDays(1))) {
			return day;
		}
		LocalDate start = this.anchor;
		while (start.isAfter(day)) {
			start = start.minus(this.length);
		}
		LocalDate next = start.plus(this.length);
		while (!next.isAfter(day)) {
			start = next;
			next = start.plus(this.length);
		}
		return start;
	}

	/**
	 * The end (exclusive) of the period starting on a day.
	 * @param start a period start
	 * @return the start of the next period
	 */
	public LocalDate end(LocalDate start) {
		return start.plus(this.length);
	}

	/**
	 * The starts of the periods that overlap the days {@code [first, last]}.
	 * @param first first day, inclusive
	 * @param last last day, inclusive
	 * @return period starts in order
	 */
	public List<LocalDate> between(LocalDate first, LocalDate last) {
		List<LocalDate> starts = new ArrayList<>();
		for (LocalDate start = floor(first); !start.isAfter(last); start = end(start)) {
			starts.add(start);
		}
		return starts;
	}

	public static Instant startOfDay(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	public static LocalDate dayOf(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

}
