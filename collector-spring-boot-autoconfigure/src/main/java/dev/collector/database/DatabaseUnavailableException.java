package dev.collector.database;

/**
 * The database is unavailable by the latest {@link DatabaseAvailability background
 * check}: thrown instead of waiting on the connection pool.
 */
public class DatabaseUnavailableException extends RuntimeException {

	private final DatabaseState state;

	public DatabaseUnavailableException(DatabaseState state) {
		super("The database is unavailable: " + state.reason());
		this.state = state;
	}

	public DatabaseState getState() {
		return this.state;
	}

}
