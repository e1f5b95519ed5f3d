package dev.collector.backfill;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.backfill.BackfillChunk.ChunkStatus;

/**
 * Backfill tasks and chunks in {@code collector_backfill_task} and
 * {@code collector_backfill_chunk}, shared by every replica.
 */
public class JdbcBackfillStore {

	private static final String TASK_COLUMNS = "task_id, collector, start_date, end_date, symbols, force_all,"
			+ " missing_periods, estimated_records, chunks_total, cancelled, final_status, created_at, finished_at";

	private static final String CHUNK_COLUMNS = "task_id, chunk_no, symbol, periods, status, attempts, records, error,"
			+ " executed_by";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public JdbcBackfillStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Store a new task and its chunks in one transaction.
	 * @param task the task
	 * @param chunks its chunks
	 */
	public void create(BackfillTask task, List<BackfillChunk> chunks) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update(
					"INSERT INTO collector_backfill_task (" + TASK_COLUMNS
							+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					task.taskId(), task.collector(), task.startDate(), task.endDate(), String.join(",", task.symbols()),
					task.force(), task.missingPeriods(), task.estimatedRecords(), task.chunksTotal(), false,
					(task.finalStatus() != null) ? task.finalStatus().label() : null, utc(task.createdAt()),
					utc(task.finishedAt()));
			this.jdbc.batchUpdate("INSERT INTO collector_backfill_chunk (" + CHUNK_COLUMNS
					+ ", updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, NULL, NULL, ?)", chunks, 500, (ps, chunk) -> {
						ps.setString(1, chunk.taskId());
						ps.setInt(2, chunk.chunkNo());
						ps.setString(3, chunk.symbol());
						ps.setString(4,
								chunk.periods().stream().map(LocalDate::toString).collect(Collectors.joining(",")));
						ps.setString(5, label(ChunkStatus.PENDING));
						ps.setObject(6, now());
					});
		});
	}

	public Optional<BackfillTask> task(String taskId) {
		return this.jdbc
			.query("SELECT " + TASK_COLUMNS + " FROM collector_backfill_task WHERE task_id = ?",
					JdbcBackfillStore::task, taskId)
			.stream()
			.findFirst();
	}

	/**
	 * The latest tasks of a collector, newest first.
	 * @param collector the collector's name
	 * @param limit how many at most
	 * @return the tasks
	 */
	public List<BackfillTask> tasks(String collector, int limit) {
		JdbcTemplate limited = new JdbcTemplate(this.jdbc.getDataSource());
		limited.setMaxRows(limit);
		return limited.query(
				"SELECT " + TASK_COLUMNS
						+ " FROM collector_backfill_task WHERE collector = ? ORDER BY created_at DESC, task_id",
				JdbcBackfillStore::task, collector);
	}

	public List<BackfillChunk> chunks(String taskId) {
		return this.jdbc.query(
				"SELECT " + CHUNK_COLUMNS + " FROM collector_backfill_chunk WHERE task_id = ? ORDER BY chunk_no",
				JdbcBackfillStore::chunk, taskId);
	}

	public Optional<BackfillChunk> chunk(String taskId, int chunkNo) {
		return this.jdbc
			.query("SELECT " + CHUNK_COLUMNS + " FROM collector_backfill_chunk WHERE task_id = ? AND chunk_no = ?",
					JdbcBackfillStore::chunk, taskId, chunkNo)
			.stream()
			.findFirst();
	}

	/**
	 * A chunk's execution started on an instance.
	 * @param taskId the task
	 * @param chunkNo the chunk
	 * @param instanceId the instance
	 * @return the id of this execution, with which it ends the chunk; empty when it may
	 * not start
	 */
	public Optional<String> started(String taskId, int chunkNo, String instanceId) {
		String executionId = UUID.randomUUID().toString();
		// a cancel in between wins: only a pending (or revived running) chunk starts
		boolean started = this.jdbc.update(
				"UPDATE collector_backfill_chunk SET status = ?, attempts = attempts + 1, executed_by = ?,"
						+ " execution_id = ?, updated_at = ? WHERE task_id = ? AND chunk_no = ? AND status IN (?, ?)",
				label(ChunkStatus.RUNNING), instanceId, executionId, now(), taskId, chunkNo, label(ChunkStatus.PENDING),
				label(ChunkStatus.RUNNING)) == 1;
		return started ? Optional.of(executionId) : Optional.empty();
	}

	/**
	 * A chunk's execution gave way to a live collection; it does not count as an attempt.
	 * @param taskId the task
	 * @param chunkNo the chunk
	 * @param executionId the execution, as {@link #started} returned it
	 * @param records records stored by the execution before it gave way
	 */
	public void yielded(String taskId, int chunkNo, String executionId, long records) {
		// status last: MariaDB evaluates the assignments in order, the conditions would
		// see the new status
		String running = "execution_id = ? AND status = ?";
		this.jdbc.update(
				"UPDATE collector_backfill_chunk SET records = records + ?, attempts = CASE WHEN " + running
						+ " THEN attempts - 1 ELSE attempts END, status = CASE WHEN " + running
						+ " THEN ? ELSE status END, updated_at = ? WHERE task_id = ? AND chunk_no = ?",
				records, executionId, label(ChunkStatus.RUNNING), executionId, label(ChunkStatus.RUNNING),
				label(ChunkStatus.PENDING), now(), taskId, chunkNo);
	}

	/**
	 * Record the end of a chunk's execution: the records it stored count in any case, the
	 * new state only if no other execution started the chunk since: one that was presumed
	 * dead and taken over must not undo, or anticipate, the end of the chunk.
	 * @param taskId the task
	 * @param chunkNo the chunk
	 * @param executionId the execution, as {@link #started} returned it; {@code null} for
	 * one that did not start the chunk, which then ends it only while nothing runs it
	 * @param status its state
	 * @param records records stored by the execution that ends (added to the total)
	 * @param error the error, or {@code null} to keep the previous one
	 */
	public void update(String taskId, int chunkNo, String executionId, ChunkStatus status, long records, String error) {
		String ends;
		List<Object> endsArguments;
		if (executionId != null) {
			ends = "execution_id = ? AND status IN (?, ?)";
			endsArguments = List.of(executionId, label(ChunkStatus.PENDING), label(ChunkStatus.RUNNING));
		}
		else {
			ends = "status = ?";
			endsArguments = List.of(label(ChunkStatus.PENDING));
		}
		List<Object> arguments = new ArrayList<>();
		arguments.add(records);
		arguments.addAll(endsArguments);
		arguments.add(truncate(error));
		arguments.addAll(endsArguments);
		arguments.addAll(List.of(label(status), now(), taskId, chunkNo));
		// status last: MariaDB evaluates the assignments in order, the conditions would
		// see the new status
		this.jdbc.update(
				"UPDATE collector_backfill_chunk SET records = records + ?, error = CASE WHEN " + ends
						+ " THEN COALESCE(?, error) ELSE error END, status = CASE WHEN " + ends
						+ " THEN ? ELSE status END, updated_at = ? WHERE task_id = ? AND chunk_no = ?",
				arguments.toArray());
	}

	/**
	 * Cancel the chunks of a task that have not started.
	 * @param taskId the task
	 * @return whether the task exists
	 */
	public boolean cancel(String taskId) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (this.jdbc.update("UPDATE collector_backfill_task SET cancelled = ? WHERE task_id = ?", true,
					taskId) == 0) {
				return false;
			}
			this.jdbc.update(
					"UPDATE collector_backfill_chunk SET status = ?, updated_at = ? WHERE task_id = ? AND status = ?",
					label(ChunkStatus.CANCELLED), now(), taskId, label(ChunkStatus.PENDING));
			return true;
		}));
	}

	/**
	 * Record the end of a task, once: only the first caller across the cluster wins.
	 * @param taskId the task
	 * @param status its final state
	 * @return whether this call ended it
	 */
	public boolean finish(String taskId, BackfillStatus status) {
		return this.jdbc.update("UPDATE collector_backfill_task SET final_status = ?, finished_at = ?"
				+ " WHERE task_id = ? AND final_status IS NULL", status.label(), now(), taskId) == 1;
	}

	/**
	 * Count a task's chunks that have not ended (pending or running).
	 * @param taskId the task
	 * @return the open chunks
	 */
	public int openChunks(String taskId) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_backfill_chunk WHERE task_id = ? AND status IN (?, ?)", Integer.class,
				taskId, label(ChunkStatus.PENDING), label(ChunkStatus.RUNNING));
		return (count != null) ? count : 0;
	}

	/**
	 * Whether a collector has chunks of open tasks due to run now and not picked by any
	 * replica (their execution in db-scheduler's table); a chunk waiting for its retry or
	 * after giving way does not count until it is due.
	 * @param collector the collector's name
	 * @return {@code true} when at least one chunk is due
	 */
	public boolean hasDueChunks(String collector) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM scheduled_tasks s"
						+ " JOIN collector_backfill_task t ON s.task_instance LIKE CONCAT(t.task_id, '/%')"
						+ " WHERE s.task_name = ? AND s.picked = ? AND s.execution_time <= ?"
						+ " AND t.collector = ? AND t.final_status IS NULL AND t.cancelled = ?",
				Integer.class, BackfillChunkTask.TASK.getTaskName(), false, now(), collector, false);
		return count != null && count > 0;
	}

	/**
	 * The latest movement of a task's chunks: when one last started, ended or gave way,
	 * and how many are running.
	 * @param taskId the task
	 * @return its chunks' movement
	 */
	public Movement movement(String taskId) {
		return this.jdbc.queryForObject(
				"SELECT MAX(updated_at), SUM(CASE WHEN status = ? THEN 1 ELSE 0 END)"
						+ " FROM collector_backfill_chunk WHERE task_id = ?",
				(rs, row) -> new Movement(instant(rs.getTimestamp(1)), rs.getInt(2)), label(ChunkStatus.RUNNING),
				taskId);
	}

	/**
	 * Count a collector's open tasks that are stalled: a chunk is running, but no chunk
	 * of the task started, ended or gave way since a moment.
	 * @param collector the collector's name
	 * @param since the moment
	 * @return the number of stalled tasks
	 */
	public int stalledTasks(String collector, Instant since) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT c.task_id"
				+ " FROM collector_backfill_chunk c JOIN collector_backfill_task t ON t.task_id = c.task_id"
				+ " WHERE t.collector = ? AND t.final_status IS NULL AND t.cancelled = ? GROUP BY c.task_id"
				+ " HAVING SUM(CASE WHEN c.status = ? THEN 1 ELSE 0 END) > 0 AND MAX(c.updated_at) < ?) stalled",
				Integer.class, collector, false, label(ChunkStatus.RUNNING), utc(since));
		return (count != null) ? count : 0;
	}

	/**
	 * How a task's chunks last moved.
	 *
	 * @param lastUpdate when a chunk last started, ended or gave way ({@code null}
	 * without chunks)
	 * @param running chunks running now
	 */
	public record Movement(Instant lastUpdate, int running) {
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static String label(ChunkStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	private static String truncate(String error) {
		return (error != null && error.length() > 2000) ? error.substring(0, 2000) : error;
	}

	private static BackfillTask task(ResultSet rs, int row) throws SQLException {
		String symbols = rs.getString(5);
		String finalStatus = rs.getString(11);
		return new BackfillTask(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
				rs.getObject(4, LocalDate.class), symbols.isEmpty() ? List.of() : Arrays.asList(symbols.split(",")),
				rs.getBoolean(6), rs.getInt(7), rs.getLong(8), rs.getInt(9), rs.getBoolean(10),
				(finalStatus != null) ? BackfillStatus.valueOf(finalStatus.toUpperCase(Locale.ROOT)) : null,
				instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)));
	}

	private static BackfillChunk chunk(ResultSet rs, int row) throws SQLException {
		List<LocalDate> periods = Arrays.stream(rs.getString(4).split(",")).map(LocalDate::parse).toList();
		return new BackfillChunk(rs.getString(1), rs.getInt(2), rs.getString(3), periods,
				ChunkStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getInt(6), rs.getLong(7),
				rs.getString(8), rs.getString(9));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
