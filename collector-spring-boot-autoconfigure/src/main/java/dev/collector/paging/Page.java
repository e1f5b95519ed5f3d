package dev.collector.paging;

import java.util.List;

/**
 * One page of a source paged by cursor or by next link: its records and where the next
 * page is.
 *
 * @param <T> the record type
 * @param items the page's records
 * @param next the cursor or link of the next page, {@code null} (or blank) when this is
 * the last one
 */
public record Page<T>(List<T> items, String next) {

	public Page {
		items = (items != null) ? List.copyOf(items) : List.of();
		next = (next != null && !next.isBlank()) ? next : null;
	}

	/**
	 * A page followed by another one.
	 * @param <T> the record type
	 * @param items the records
	 * @param next the cursor or link of the next page, {@code null} when there is none
	 * @return the page
	 */
	public static <T> Page<T> of(List<T> items, String next) {
		return new Page<>(items, next);
	}

	/**
	 * The last page.
	 * @param <T> the record type
	 * @param items the records
	 * @return the page
	 */
	public static <T> Page<T> last(List<T> items) {
		return new Page<>(items, null);
	}

}
