package dev.collector.budget;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shared budgets and the replicas' leases on them, in {@code collector_rate_budget}
 * (one row per collector) and {@code collector_rate_lease} (one row per collector and
 * replica). Times are epoch milliseconds, so no database or driver changes them.
 */
public class JdbcRateBudgetStore {

	private final JdbcTemplate jdbc;

	public JdbcRateBudgetStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The collector's budget, created with the given limit when it has none yet.
	 * @param collector the collector's name
	 * @param configured the limit to create it with
	 * @return its state
	 */
	public BudgetState budget(String collector, int configured) {
		BudgetState state = read(collector);
		if (state != null) {
			return state;
		}
		try {
			this.jdbc.update("INSERT INTO collector_rate_budget (collector, configured_rpm, reduced_rpm, reduced_at_ms,"
					+ " paused_until_ms) VALUES (?, ?, 0, NULL, NULL)", collector, configured);
		}
		catch (DuplicateKeyException ex) {
			// another replica created it meanwhile
		}
		return read(collector);
	}

	private BudgetState read(String collector) {
		return this.jdbc
			.query("SELECT configured_rpm, reduced_rpm, reduced_at_ms, paused_until_ms FROM collector_rate_budget"
					+ " WHERE collector = ?", (rs, row) -> {
						long reducedAt = rs.getLong(3);
						boolean reduced = !rs.wasNull();
						long pausedUntil = rs.getLong(4);
						boolean paused = !rs.wasNull();
						return new BudgetState(rs.getInt(1), rs.getDouble(2),
								reduced ? Instant.ofEpochMilli(reducedAt) : null,
								paused ? Instant.ofEpochMilli(pausedUntil) : null);
					}, collector)
			.stream()
			.findFirst()
			.orElse(null);
	}

	/**
	 * Set the configured limit of every replica (start-up, live refresh).
	 * @param collector the collector's name
	 * @param configured the limit
	 */
	public void configure(String collector, int configured) {
		budget(collector, configured);
		this.jdbc.update("UPDATE collector_rate_budget SET configured_rpm = ? WHERE collector = ?", configured,
				collector);
	}

	/**
	 * Replace the state of a budget if nobody changed it since it was read.
	 * @param collector the collector's name
	 * @param read the state read
	 * @param next the new state
	 * @return whether it was replaced
	 */
	public boolean replace(String collector, BudgetState read, BudgetState next) {
		return this.jdbc.update(
				"UPDATE collector_rate_budget SET reduced_rpm = ?, reduced_at_ms = ?, paused_until_ms = ?"
						+ " WHERE collector = ? AND reduced_rpm = ? AND " + same("reduced_at_ms", read.reducedAt())
						+ " AND " + same("paused_until_ms", read.pausedUntil()),
				args(next.reduced(), millis(next.reducedAt()), millis(next.pausedUntil()), collector, read.reduced(),
						millis(read.reducedAt()), millis(read.pausedUntil()))) == 1;
	}

	private static String same(String column, Instant value) {
		return (value != null) ? column + " = ?" : column + " IS NULL";
	}

	private static Object[] args(Object... values) {
		return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toArray();
	}

	/**
	 * Renew this replica's lease.
	 * @param collector the collector's name
	 * @param instanceId this replica
	 * @param spendingSince since when it spends permits, or {@code null} when idle
	 * @param expiresAt when the lease ends unless renewed
	 */
	public void renew(String collector, String instanceId, Instant spendingSince, Instant expiresAt) {
		Object[] values = { spendingSince != null, millis(spendingSince), expiresAt.toEpochMilli(), collector,
				instanceId };
		if (this.jdbc.update("UPDATE collector_rate_lease SET spending = ?, spending_since_ms = ?, expires_at_ms = ?"
				+ " WHERE collector = ? AND instance_id = ?", values) == 1) {
			return;
		}
		try {
			this.jdbc.update("INSERT INTO collector_rate_lease (spending, spending_since_ms, expires_at_ms, collector,"
					+ " instance_id) VALUES (?, ?, ?, ?, ?)", values);
		}
		catch (DuplicateKeyException ex) {
			this.jdbc.update("UPDATE collector_rate_lease SET spending = ?, spending_since_ms = ?, expires_at_ms = ?"
					+ " WHERE collector = ? AND instance_id = ?", values);
		}
	}

	/**
	 * Count the replicas that spend the collector's budget now.
	 * @param collector the collector's name
	 * @param now the moment
	 * @return the live leases that spend
	 */
	public int spenders(String collector, Instant now) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_rate_lease WHERE collector = ? AND spending = ? AND expires_at_ms > ?",
				Integer.class, collector, true, now.toEpochMilli());
		return (count != null) ? count : 0;
	}

	/**
	 * Count the other replicas that spend and whose live lease was renewed before a
	 * moment, that is, ends before the moment plus the lease's length.
	 * @param collector the collector's name
	 * @param instanceId the replica that asks (not counted)
	 * @param endingBefore the end of a lease renewed at the moment
	 * @param now the moment of the question (leases that ended are not counted)
	 * @return the number of such replicas
	 */
	public int spendersRenewedBefore(String collector, String instanceId, Instant endingBefore, Instant now) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_rate_lease WHERE collector = ?"
						+ " AND instance_id <> ? AND spending = ? AND expires_at_ms > ? AND expires_at_ms < ?",
				Integer.class, collector, instanceId, true, now.toEpochMilli(), endingBefore.toEpochMilli());
		return (count != null) ? count : 0;
	}

	/**
	 * Give a replica's lease back.
	 * @param collector the collector's name
	 * @param instanceId the replica
	 */
	public void leave(String collector, String instanceId) {
		this.jdbc.update("DELETE FROM collector_rate_lease WHERE collector = ? AND instance_id = ?", collector,
				instanceId);
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

}
