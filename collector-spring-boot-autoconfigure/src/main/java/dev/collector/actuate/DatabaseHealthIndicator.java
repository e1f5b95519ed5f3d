package dev.collector.actuate;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseState;

/**
 * The {@code db} health component of the collector's database, answered from the
 * {@link DatabaseAvailability background check}: it never waits on the connection pool,
 * so the readiness group answers at once whatever the database does. DOWN, with the
 * reason, while the database is unavailable.
 */
public class DatabaseHealthIndicator implements HealthIndicator {

	private final DatabaseAvailability availability;

	public DatabaseHealthIndicator(DatabaseAvailability availability) {
		this.availability = availability;
	}

	@Override
	public Health health() {
		DatabaseState state = this.availability.state();
		Health.Builder builder = state.available() ? Health.up() : Health.down().withDetail("reason", state.reason());
		builder.withDetail("checkedAt", state.checkedAt().toString()).withDetail("since", state.since().toString());
		if (state.responseTime() != null) {
			builder.withDetail("responseTimeMillis", state.responseTime().toMillis());
		}
		return builder.build();
	}

}
