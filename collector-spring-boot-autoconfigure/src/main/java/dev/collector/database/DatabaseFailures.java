package dev.collector.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Tells failures to reach the database (no connection, connection lost, connection
 * refused, no pooled connection in time) from other database errors, whichever layer
 * wrapped them (JDBC, Spring's {@code DataAccessException}, db-scheduler).
 */
public final class DatabaseFailures {

	/** SQL state class 08: connection exception (SQL:2011, used by every driver). */
	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	private DatabaseFailures() {
	}

	/**
	 * Whether a failure means the database could not be reached.
	 * @param failure the failure
	 * @return {@code true} for a lost, refused or unavailable connection
	 */
	public static boolean isUnavailable(Throwable failure) {
		boolean sql = false;
		boolean interrupted = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DatabaseUnavailableException || cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof DataAccessResourceFailureException) {
				return true;
			}
			if (cause instanceof SQLException ex) {
				if (ex.getSQLState() != null && ex.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
					return true;
				}
				sql = true;
			}
			interrupted |= cause instanceof InterruptedException;
		}
		// a wait for a pooled connection cut short by DatabaseAvailabilityInterceptor
		return sql && interrupted;
	}

}
