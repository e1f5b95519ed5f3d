package dev.collector.sample.news;

/**
 * A feed could not be read: unreachable, missing, or not RSS/Atom. Fails the collection,
 * so its checkpoint does not move and the next run tries again.
 */
public class FeedReadException extends RuntimeException {

	private final String feedId;

	public FeedReadException(String feedId, String location, Throwable cause) {
		super("Feed '" + feedId + "' (" + location + ") could not be read: " + describe(cause), cause);
		this.feedId = feedId;
	}

	/**
	 * The id of the feed that failed.
	 * @return the feed id
	 */
	public String getFeedId() {
		return this.feedId;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message : cause.getClass().getSimpleName();
	}

}
