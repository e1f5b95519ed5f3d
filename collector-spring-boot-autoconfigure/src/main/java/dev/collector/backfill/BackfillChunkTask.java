package dev.collector.backfill;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import dev.collector.backfill.BackfillChunk.ChunkStatus;
import dev.collector.backfill.CoverageLedger.Entry;
import dev.collector.backfill.CoverageLedger.State;
import dev.collector.cluster.ClusterTask;
import dev.collector.collect.CollectionInProgressException;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Trigger;
import dev.collector.observation.BackfillChunkContext;
import dev.collector.observation.CollectorObservations;
import dev.collector.observation.CollectorObservationsAware;

/**
 * Executes one backfill chunk as a db-scheduler one-time task, on whichever replica picks
 * it. For each run of consecutive periods still missing it runs a BACKFILL collection
 * (which never moves the live checkpoint) and marks the periods covered right after the
 * records were committed. A failed chunk is retried with exponential backoff up to
 * {@code collector.backfill.max-retries}, then marked failed; periods it covered stay
 * covered. A chunk whose replica died is revived by db-scheduler's dead-execution
 * detection (or by its replica when it restarts), keeps its place among the due chunks,
 * and does only what is still missing. When a collection holds this JVM's collector the
 * chunk yields and tries again after {@code collector.backfill.yield-delay}.
 */
public class BackfillChunkTask implements ClusterTask, CollectorObservationsAware {

	private static final Log logger = LogFactory.getLog(BackfillChunkTask.class);

	/**
	 * MDC key of the chunk's id, {@code <task id>/<chunk no>}, on every line of its run.
	 */
	public static final String MDC_CHUNK = "backfill_chunk";

	/** MDC key of the chunk's symbol, on every line of its run. */
	public static final String MDC_SYMBOL = "symbol";

	/** db-scheduler task of backfill chunks; instance id {@code <task id>/<chunk no>}. */
	public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("collector-backfill-chunk");

	private final String collector;

	private final String instanceId;

	private final CollectionRunner runner;

	private final CoverageLedger ledger;

	private final JdbcBackfillStore store;

	private final BackfillService service;

	private final Supplier<ChunkRetryPolicy> retries;

	private final Clock clock;

	private final BooleanSupplier liveCollectionWaiting;

	private CollectorObservations observations = CollectorObservations.NOOP;

	/** Whether a task id is this collector's; a task never changes hands. */
	private final Map<String, Boolean> ownership = new ConcurrentHashMap<>();

	/**
	 * Create the chunk task.
	 * @param collector the collector's name
	 * @param instanceId this replica's id
	 * @param runner the runner
	 * @param ledger the coverage ledger
	 * @param store tasks and chunks
	 * @param service the service that closes tasks
	 * @param retries how chunks are retried, read at each use (it can change live)
	 * @param clock the clock
	 * @param liveCollectionWaiting whether a scheduled or manual run waits for this JVM's
	 * collector: the chunk then gives way before its next range
	 */
	public BackfillChunkTask(String collector, String instanceId, CollectionRunner runner, CoverageLedger ledger,
			JdbcBackfillStore store, BackfillService service, Supplier<ChunkRetryPolicy> retries, Clock clock,
			BooleanSupplier liveCollectionWaiting) {
		this.liveCollectionWaiting = liveCollectionWaiting;
		this.collector = collector;
		this.instanceId = instanceId;
		this.runner = runner;
		this.ledger = ledger;
		this.store = store;
		this.service = service;
		this.retries = retries;
		this.clock = clock;
	}

	@Override
	public void setObservations(CollectorObservations observations) {
		this.observations = (observations != null) ? observations : CollectorObservations.NOOP;
	}

	static String instanceId(String taskId, int chunkNo) {
		return taskId + "/" + chunkNo;
	}

	/**
	 * Chunks are added on demand by {@link BackfillService}, not at start-up.
	 * @return {@code false}
	 */
	@Override
	public boolean createdAtStartup() {
		return false;
	}

	/**
	 * Whether the chunk belongs to a backfill task of this collector (its instance id
	 * starts with the task id); the answer is kept.
	 * @param instanceId the chunk's instance id, {@code <task id>/<chunk no>}
	 * @return whether this collector's backfill created the chunk
	 */
	@Override
	public boolean owns(String instanceId) {
		int slash = instanceId.indexOf('/');
		String taskId = (slash > 0) ? instanceId.substring(0, slash) : instanceId;
		Boolean known = this.ownership.get(taskId);
		if (known != null) {
			return known;
		}
		Optional<BackfillTask> task = this.store.task(taskId);
		boolean own = task.map((found) -> this.collector.equals(found.collector())).orElse(false);
		if (task.isPresent()) {
			this.ownership.put(taskId, own);
		}
		return own;
	}

	/**
	 * Whether chunks of this collector's open backfill tasks are due and not picked.
	 * @return {@code true} while a chunk waits for a thread
	 */
	@Override
	public boolean hasWaitingExecutions() {
		return this.store.hasDueChunks(this.collector);
	}

	/**
	 * The db-scheduler task.
	 * @return the task
	 */
	@Override
	public CustomTask<Void> task() {
		ChunkRetryPolicy policy = this.retries.get();
		FailureHandler<Void> backoff = new FailureHandler.ExponentialBackoffFailureHandler<>(policy.initialDelay(),
				policy.multiplier());
		// the limit counts the chunk's attempts in our table, not db-scheduler's
		// consecutive
		// failures: a chunk that gave way to a live run completes "successfully" in
		// between,
		// which would reset those
		FailureHandler<Void> onFailure = (complete, operations) -> {
			if (attempts(complete) > this.retries.get().maxRetries()) {
				operations.remove();
				retriesExhausted(complete);
			}
			else {
				backoff.onFailure(complete, operations);
			}
		};
		return Tasks.custom(TASK)
			.defaultPriority(Priority.LOW)
			.onFailure(onFailure)
			// revived at its original time, not "now": the oldest due chunk, so a replica
			// picks it next rather than after every chunk still waiting
			.onDeadExecution(
					(complete, operations) -> operations.reschedule(complete, complete.getExecution().executionTime))
			.execute((instance, context) -> execute(instance));
	}

	CompletionHandler<Void> execute(TaskInstance<Void> instance) {
		String[] id = instance.getId().split("/");
		String taskId = id[0];
		int chunkNo = Integer.parseInt(id[1]);
		BackfillTask task = this.store.task(taskId).orElse(null);
		BackfillChunk chunk = this.store.chunk(taskId, chunkNo).orElse(null);
		if (task == null || chunk == null) {
			return new CompletionHandler.OnCompleteRemove<>();
		}
		Optional<String> execution = (task.cancelled() || chunk.status().finished()) ? Optional.empty()
				: this.store.started(taskId, chunkNo, this.instanceId);
		if (execution.isEmpty()) {
			this.service.closeIfDone(taskId);
			return new CompletionHandler.OnCompleteRemove<>();
		}
		String executionId = execution.get();
		// every line of the chunk, the runner's included, names the chunk and its symbol
		try (MDC.MDCCloseable chunkId = MDC.putCloseable(MDC_CHUNK, instance.getId());
				MDC.MDCCloseable symbol = MDC.putCloseable(MDC_SYMBOL, chunk.symbol())) {
			// the parent of the chunk's runs; the task id links the chunks of one task
			BackfillChunkContext observed = new BackfillChunkContext(this.collector, task.taskId(), instance.getId(),
					chunk.symbol());
			Observation observation = this.observations.backfillChunk(observed).start();
			try (Observation.Scope scope = observation.openScope()) {
				return execute(instance, task, chunk, observed, executionId);
			}
			catch (RuntimeException ex) {
				observed.setOutcome("failed");
				observation.error(ex);
				// whatever failed, the end of the chunk must name this execution
				throw (ex instanceof BackfillChunkFailedException) ? ex
						: new BackfillChunkFailedException("Backfill chunk " + instance.getId() + " of symbol "
								+ chunk.symbol() + " failed: " + ex.getMessage(), executionId, ex);
			}
			finally {
				observation.stop();
			}
		}
	}

	private CompletionHandler<Void> execute(TaskInstance<Void> instance, BackfillTask task, BackfillChunk chunk,
			BackfillChunkContext observed, String executionId) {
		String taskId = task.taskId();
		int chunkNo = chunk.chunkNo();
		List<LocalDate> todo = stillToDo(task, chunk);
		logger.info("Backfill chunk " + instance.getId() + " of symbol " + chunk.symbol() + " started: " + todo.size()
				+ " of its " + chunk.periods().size() + " period(s) to do"
				+ (todo.isEmpty() ? "" : " from " + todo.get(0) + " to " + todo.get(todo.size() - 1)));
		long records = 0;
		for (LocalDate[] range : BackfillPlanner.contiguousRanges(todo, this.ledger.periods())) {
			List<LocalDate> periods = todo.stream()
				.filter((p) -> !p.isBefore(range[0]) && !p.isAfter(range[1]))
				.toList();
			CollectionRequest request = new CollectionRequest(UUID.randomUUID().toString(), Trigger.BACKFILL,
					LedgerPeriods.startOfDay(range[0]), LedgerPeriods.startOfDay(this.ledger.periods().end(range[1])),
					CoverageLedger.ALL_SYMBOLS.equals(chunk.symbol()) ? Set.of() : Set.of(chunk.symbol()), task.force(),
					false);
			CollectionResult result;
			try {
				if (this.liveCollectionWaiting.getAsBoolean()) {
					throw new CollectionInProgressException(null);
				}
				result = this.runner.run(request);
			}
			catch (CollectionInProgressException ex) {
				// live collection goes first: give the collector back, come again later
				this.store.yielded(taskId, chunkNo, executionId, records);
				observed.setOutcome("yielded");
				Instant again = this.clock.instant().plus(this.retries.get().yieldDelay());
				return (complete, operations) -> operations.reschedule(complete, again);
			}
			if (!result.succeeded()) {
				this.ledger.markFailed(this.collector, chunk.symbol(), periods, request.runId(), result.error());
				this.store.update(taskId, chunkNo, executionId, ChunkStatus.PENDING, records, result.error());
				throw new BackfillChunkFailedException("Backfill chunk " + instance.getId() + " of symbol "
						+ chunk.symbol() + " failed: " + result.error(), executionId, null);
			}
			// strictly after the records were committed
			this.ledger.markCovered(this.collector, chunk.symbol(), periods, request.runId());
			records += result.counts().inserted();
		}
		this.store.update(taskId, chunkNo, executionId, ChunkStatus.SUCCEEDED, records, null);
		observed.setOutcome("succeeded");
		logger.info("Backfill chunk " + instance.getId() + " of symbol " + chunk.symbol() + " done: " + records
				+ " record(s) stored");
		this.service.closeIfDone(taskId);
		return new CompletionHandler.OnCompleteRemove<>();
	}

	/**
	 * The chunk's periods not covered yet; with force, those not collected since the task
	 * was created.
	 */
	private List<LocalDate> stillToDo(BackfillTask task, BackfillChunk chunk) {
		// planned before the retention horizon moved past them: the purge would delete
		// them
		LocalDate firstDay = this.service.firstDay();
		List<LocalDate> periods = chunk.periods()
			.stream()
			.filter((start) -> this.ledger.periods().end(start).isAfter(firstDay))
			.toList();
		if (periods.isEmpty()) {
			return periods;
		}
		Map<LocalDate, Entry> entries = this.ledger.entries(this.collector, chunk.symbol(), periods.get(0),
				periods.get(periods.size() - 1));
		return periods.stream().filter((start) -> {
			Entry entry = entries.get(start);
			return entry == null || entry.state() != State.COVERED
					|| (task.force() && entry.updatedAt().isBefore(task.createdAt()));
		}).toList();
	}

	private int attempts(ExecutionComplete complete) {
		String[] id = complete.getExecution().taskInstance.getId().split("/");
		return this.store.chunk(id[0], Integer.parseInt(id[1])).map(BackfillChunk::attempts).orElse(Integer.MAX_VALUE);
	}

	private void retriesExhausted(ExecutionComplete complete) {
		String[] id = complete.getExecution().taskInstance.getId().split("/");
		String error = complete.getCause().map(Throwable::getMessage).orElse("failed");
		logger.warn("Backfill chunk " + complete.getExecution().taskInstance.getId() + " failed after its retries: "
				+ error);
		// only the execution that failed last may end the chunk; one that failed before
		// it started the chunk ends it only while nothing runs it
		String executionId = complete.getCause()
			.filter(BackfillChunkFailedException.class::isInstance)
			.map((cause) -> ((BackfillChunkFailedException) cause).executionId())
			.orElse(null);
		this.store.update(id[0], Integer.parseInt(id[1]), executionId, ChunkStatus.FAILED, 0, null);
		this.service.closeIfDone(id[0]);
	}

	/**
	 * A chunk's collection failed; db-scheduler retries it.
	 */
	static class BackfillChunkFailedException extends RuntimeException {

		private final String executionId;

		BackfillChunkFailedException(String message, String executionId, Throwable cause) {
			super(message, cause);
			this.executionId = executionId;
		}

		/**
		 * The execution that failed, as the store's {@code started} returned it.
		 */
		String executionId() {
			return this.executionId;
		}

	}

}
