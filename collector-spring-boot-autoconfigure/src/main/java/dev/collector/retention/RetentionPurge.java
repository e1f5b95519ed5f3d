package dev.collector.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

import dev.collector.backfill.LedgerPeriods;

/**
 * Deletes what is older than its retention: records from the record table (by the
 * schema's timestamp column), runs from the run history, quarantined records, and
 * finished backfill tasks with their chunks. Only this collector's rows of the shared
 * framework tables are touched.
 * <p>
 * Records go by whole ledger periods: everything before the {@link #horizon retention
 * horizon}, the start of the period that holds "now minus
 * {@code collector.retention.days}", so a period is either kept whole or deleted whole.
 * The coverage ledger's rows of the deleted periods are deleted with them: the ledger
 * never calls covered what is not stored, and gap analysis never plans a period before
 * the horizon, so a backfill never fetches again what the purge deletes.
 * <p>
 * Every statement deletes at most {@code collector.retention.batch-size} rows in its own
 * transaction, so a large backlog never holds many locks or a long transaction; the purge
 * goes on batch after batch until nothing old is left or it is asked to stop.
 */
public class RetentionPurge {

	/** The run history table. */
	public static final String RUN_TABLE = "collector_run";

	/** The quarantine table. */
	public static final String QUARANTINE_TABLE = "collector_quarantine";

	/** The coverage ledger. */
	public static final String COVERAGE_TABLE = "collector_coverage";

	/** The backfill task table. */
	public static final String BACKFILL_TASK_TABLE = "collector_backfill_task";

	/** The backfill chunk table. */
	public static final String BACKFILL_CHUNK_TABLE = "collector_backfill_chunk";

	private final String collector;

	private final RecordTable recordTable;

	private final SingletonSupplier<BoundedDelete> delete;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Listener listener;

	private final LedgerPeriods periods;

	/**
	 * Create a purge.
	 * @param collector the collector's name: only its rows of the framework tables go
	 * @param recordTable the record table, or {@code null} to leave records alone
	 * @param platform the database platform (h2, postgresql, mariadb, mysql), asked at
	 * the first purge, so that the application starts while the database is down
	 * @param jdbc the database
	 * @param transactions one transaction per batch
	 * @param clock the time the cut-offs count back from
	 * @param listener told of every batch deleted
	 */
	public RetentionPurge(String collector, RecordTable recordTable, Supplier<String> platform, JdbcTemplate jdbc,
			TransactionTemplate transactions, Clock clock, Listener listener) {
		this(collector, recordTable, platform, jdbc, transactions, clock, listener,
				new LedgerPeriods(LocalDate.EPOCH, Period.ofDays(1)));
	}

	/**
	 * Create a purge.
	 * @param collector the collector's name: only its rows of the framework tables go
	 * @param recordTable the record table, or {@code null} to leave records alone
	 * @param platform the database platform (h2, postgresql, mariadb, mysql), asked at
	 * the first purge, so that the application starts while the database is down
	 * @param jdbc the database
	 * @param transactions one transaction per batch
	 * @param clock the time the cut-offs count back from
	 * @param listener told of every batch deleted
	 * @param periods the coverage ledger's periods: records go by whole periods
	 */
	public RetentionPurge(String collector, RecordTable recordTable, Supplier<String> platform, JdbcTemplate jdbc,
			TransactionTemplate transactions, Clock clock, Listener listener, LedgerPeriods periods) {
		this.collector = collector;
		this.recordTable = recordTable;
		this.delete = SingletonSupplier.of(() -> BoundedDelete.forPlatform(platform.get()));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.listener = listener;
		this.periods = periods;
	}

	/**
	 * The tables this purge may delete from, record table first.
	 * @return the table names
	 */
	public List<String> tables() {
		List<String> tables = new ArrayList<>();
		if (this.recordTable != null) {
			tables.add(this.recordTable.name());
			tables.add(COVERAGE_TABLE);
		}
		tables.addAll(List.of(RUN_TABLE, QUARANTINE_TABLE, BACKFILL_TASK_TABLE, BACKFILL_CHUNK_TABLE));
		return tables;
	}

	/**
	 * The retention horizon: the start of the ledger period that holds now minus
	 * {@code collector.retention.days}. Records before it are deleted, and so are the
	 * ledger's rows of the periods that end by it.
	 * @param recordDays days records are kept, 0 for forever
	 * @return the horizon, empty when records are kept (0 days, or no record table)
	 */
	public Optional<LocalDate> horizon(int recordDays) {
		if (this.recordTable == null || recordDays <= 0) {
			return Optional.empty();
		}
		Instant oldestKept = this.clock.instant().minus(Duration.ofDays(recordDays));
		return Optional.of(this.periods.floor(LedgerPeriods.dayOf(oldestKept)));
	}

	/**
	 * Delete everything older than its retention.
	 * @param policy what to keep, and how many rows to delete per transaction
	 * @param stopping asked between batches; {@code true} ends the purge early (the rest
	 * goes next time)
	 * @return rows deleted per table, for every table whose retention is on
	 */
	public Map<String, Long> purge(RetentionPolicy policy, BooleanSupplier stopping) {
		Map<String, Long> deleted = new LinkedHashMap<>();
		int batch = policy.batchSize();
		LocalDate horizon = horizon(policy.recordDays()).orElse(null);
		if (horizon != null) {
			String column = this.recordTable.timestampColumn();
			deleted.put(this.recordTable.name(), deleteInBatches(this.recordTable.name(), column + " < ?", column,
					batch, stopping, LedgerPeriods.startOfDay(horizon).atOffset(ZoneOffset.UTC)));
			// after the records: a purge cut off in between leaves rows the next one
			// deletes, never a period called covered whose records are gone
			if (!stopping.getAsBoolean()) {
				deleted.put(COVERAGE_TABLE, deleteInBatches(COVERAGE_TABLE, "collector = ? AND period_end <= ?",
						"period_start", batch, stopping, this.collector, horizon));
			}
		}
		if (policy.runHistoryDays() > 0) {
			deleted.put(RUN_TABLE, deleteInBatches(RUN_TABLE, "collector = ? AND started_at < ?", "started_at", batch,
					stopping, this.collector, cutoff(policy.runHistoryDays())));
		}
		if (policy.quarantineDays() > 0) {
			deleted.put(QUARANTINE_TABLE, deleteInBatches(QUARANTINE_TABLE, "collector = ? AND created_at < ?",
					"created_at", batch, stopping, this.collector, cutoff(policy.quarantineDays())));
		}
		if (policy.backfillTaskDays() > 0) {
			purgeBackfillTasks(cutoff(policy.backfillTaskDays()), batch, stopping, deleted);
		}
		return deleted;
	}

	/**
	 * Tasks one by one, each after its chunks: a purge cut off in between leaves a task
	 * without chunks, which the next purge deletes, never chunks without their task.
	 */
	private void purgeBackfillTasks(OffsetDateTime cutoff, int batch, BooleanSupplier stopping,
			Map<String, Long> deleted) {
		long tasks = 0;
		long chunks = 0;
		JdbcTemplate limited = new JdbcTemplate(this.jdbc.getDataSource());
		limited.setMaxRows(batch);
		List<String> taskIds;
		do {
			if (stopping.getAsBoolean()) {
				break;
			}
			taskIds = limited.queryForList(
					"SELECT task_id FROM " + BACKFILL_TASK_TABLE
							+ " WHERE collector = ? AND final_status IS NOT NULL AND finished_at < ?",
					String.class, this.collector, cutoff);
			for (String taskId : taskIds) {
				if (stopping.getAsBoolean()) {
					break;
				}
				chunks += deleteInBatches(BACKFILL_CHUNK_TABLE, "task_id = ?", "chunk_no", batch, stopping, taskId);
				if (stopping.getAsBoolean()) {
					break;
				}
				tasks += inTransaction(BACKFILL_TASK_TABLE, "DELETE FROM " + BACKFILL_TASK_TABLE + " WHERE task_id = ?",
						taskId);
			}
		}
		while (taskIds.size() == batch);
		deleted.put(BACKFILL_TASK_TABLE, tasks);
		deleted.put(BACKFILL_CHUNK_TABLE, chunks);
	}

	private long deleteInBatches(String table, String condition, String orderColumn, int batch,
			BooleanSupplier stopping, Object... parameters) {
		BoundedDelete delete = this.delete.obtain();
		String sql = delete.sql(table, condition, orderColumn, batch);
		Object[] arguments = repeat(parameters, delete.conditionRepeats());
		long total = 0;
		while (!stopping.getAsBoolean()) {
			int rows = inTransaction(table, sql, arguments);
			total += rows;
			if (rows < batch) {
				break;
			}
		}
		return total;
	}

	private int inTransaction(String table, String sql, Object... arguments) {
		Integer rows = this.transactions.execute((status) -> this.jdbc.update(sql, arguments));
		int count = (rows != null) ? rows : 0;
		if (count > 0) {
			this.listener.deleted(table, count);
		}
		return count;
	}

	private OffsetDateTime cutoff(int days) {
		return this.clock.instant().minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC);
	}

	private static Object[] repeat(Object[] parameters, int times) {
		Object[] repeated = new Object[parameters.length * times];
		for (int i = 0; i < times; i++) {
			System.arraycopy(parameters, 0, repeated, i * parameters.length, parameters.length);
		}
		return repeated;
	}

	/**
	 * The record table and the column of the records' own time.
	 *
	 * @param name the table, optionally schema-qualified
	 * @param timestampColumn the column compared with the cut-off
	 */
	public record RecordTable(String name, String timestampColumn) {
	}

	/**
	 * Told of every committed batch.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * Rows were deleted and committed.
		 * @param table the table
		 * @param rows how many
		 */
		void deleted(String table, long rows);

	}

}
