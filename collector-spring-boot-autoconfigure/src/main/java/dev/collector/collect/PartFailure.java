package dev.collector.collect;

import java.time.Instant;

/**
 * One part of a run that failed while the rest went on: a symbol, a feed, a page.
 *
 * @param part what failed, as the collector named it (a symbol when it is one)
 * @param error why, as "ExceptionType: message"
 * @param from start of the window it was collected for
 * @param to end of that window
 */
public record PartFailure(String part, String error, Instant from, Instant to) {

	static String describe(Throwable ex) {
		Throwable cause = (ex instanceof SourceException && ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
