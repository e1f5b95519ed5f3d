package dev.collector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;

import org.springframework.util.ClassUtils;

/**
 * The zone in which MariaDB Connector/J writes an instant into a {@code DATETIME} column:
 * the zone of its connection's default calendar (the JVM's zone, or the connection's time
 * zone with {@code preserveInstants}), which it builds anew for every
 * {@code OffsetDateTime} parameter it encodes. Read once per batch, the sink binds the
 * local date-time in that zone instead: the same value, without a {@code Calendar} per
 * row.
 */
final class MariaDbDriverZone {

	private static final boolean PRESENT = ClassUtils.isPresent("org.mariadb.jdbc.Connection",
			MariaDbDriverZone.class.getClassLoader());

	private MariaDbDriverZone() {
	}

	/**
	 * The zone the driver of this connection writes instants in.
	 * @param connection the connection (a pool's or Spring's proxy is unwrapped)
	 * @return the zone, or {@code null} when the connection is not MariaDB Connector/J's
	 * (3.x) or does not say
	 */
	static ZoneId of(Connection connection) {
		if (!PRESENT) {
			return null;
		}
		try {
			return Driver.zone(connection);
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			// another version of the driver: it encodes every parameter itself
			return null;
		}
	}

	/** Loaded only when the driver is on the class path. */
	private static final class Driver {

		static ZoneId zone(Connection connection) throws SQLException {
			if (!connection.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
				return null;
			}
			return connection.unwrap(org.mariadb.jdbc.Connection.class)
				.getContext()
				.getDefaultCalendar()
				.getTimeZone()
				.toZoneId();
		}

	}

}
