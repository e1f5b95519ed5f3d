package dev.collector.database;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest answer of the {@link DatabaseAvailability background database check}.
 *
 * @param available whether the database answered within the time limit
 * @param reason why it is unavailable ({@code null} when available)
 * @param checkedAt when the check that gave this answer started
 * @param responseTime how long that check took, waiting for a pooled connection included
 * ({@code null} while it has not answered)
 * @param since when the database became available (or unavailable) without a break since
 */
public record DatabaseState(boolean available, String reason, Instant checkedAt, Duration responseTime, Instant since) {

	static DatabaseState notCheckedYet(Instant now) {
		return new DatabaseState(false, "not checked yet", now, null, now);
	}

}
