package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

import dev.collector.backfill.BackfillChunk.ChunkStatus;
import dev.collector.backfill.BackfillPlan.PlannedChunk;

/**
 * Backfill tasks: plan, start (task and chunks stored, one db-scheduler execution per
 * chunk that any replica may pick up), progress, list and cancel.
 */
public class BackfillService {

	private static final Log logger = LogFactory.getLog(BackfillService.class);

	private final String collector;

	private final BackfillPlanner planner;

	private final JdbcBackfillStore store;

	private final SchedulerClient scheduler;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Runnable wakeUp;

	private final Duration stalledAfter;

	/**
	 * Create the service.
	 * @param collector the collector's name
	 * @param planner the planner
	 * @param store where tasks and chunks are kept
	 * @param scheduler client that adds the chunks' executions
	 * @param events publisher of {@link BackfillCompletedEvent}
	 * @param clock the clock
	 * @param wakeUp tells this replica's scheduler to look for due executions now, rather
	 * than at its next poll
	 */
	public BackfillService(String collector, BackfillPlanner planner, JdbcBackfillStore store,
			SchedulerClient scheduler, ApplicationEventPublisher events, Clock clock, Runnable wakeUp) {
		this(collector, planner, store, scheduler, events, clock, wakeUp, Duration.ofMinutes(5));
	}

	/**
	 * Create the service.
	 * @param collector the collector's name
	 * @param planner the planner
	 * @param store where tasks and chunks are kept
	 * @param scheduler client that adds the chunks' executions
	 * @param events publisher of {@link BackfillCompletedEvent}
	 * @param clock the clock
	 * @param wakeUp tells this replica's scheduler to look for due executions now
	 * @param stalledAfter time without any chunk starting or ending, while one runs,
	 * after which a task counts as stalled
	 */
	public BackfillService(String collector, BackfillPlanner planner, JdbcBackfillStore store,
			SchedulerClient scheduler, ApplicationEventPublisher events, Clock clock, Runnable wakeUp,
			Duration stalledAfter) {
		this.stalledAfter = stalledAfter;
		this.collector = collector;
		this.planner = planner;
		this.store = store;
		this.scheduler = scheduler;
		this.events = events;
		this.clock = clock;
		this.wakeUp = wakeUp;
	}

	/**
	 * The plan of a request, without starting anything.
	 * @param request the request
	 * @return the plan
	 * @throws BackfillRequestException when the request is invalid
	 */
	public BackfillPlan plan(BackfillRequest request) {
		return this.planner.plan(request);
	}

	/**
	 * The first day gap analysis looks at.
	 * @return the beginning date, or the retention horizon when later
	 * @see BackfillPlanner#firstDay()
	 */
	public java.time.LocalDate firstDay() {
		return this.planner.firstDay();
	}

	/**
	 * The coverage ledger of a range, for one symbol or all.
	 * @param symbol the symbol, or {@code null}
	 * @param from first day, or {@code null}
	 * @param to last day, or {@code null}
	 * @return the report
	 * @throws BackfillRequestException when a parameter is invalid
	 */
	public CoverageReport coverage(String symbol, String from, String to) {
		return this.planner.coverage(symbol, from, to);
	}

	/**
	 * Plan and start a backfill.
	 * @param request the request
	 * @return the stored task with its plan
	 * @throws BackfillRequestException when the request is invalid (nothing is stored)
	 */
	public Started start(BackfillRequest request) {
		BackfillPlan plan = this.planner.plan(request);
		String taskId = UUID.randomUUID().toString();
		boolean empty = plan.chunks().isEmpty();
		BackfillTask task = new BackfillTask(taskId, this.collector, plan.startDate(), plan.endDate(), plan.symbols(),
				plan.force(), plan.missingPeriods(), plan.estimatedRecords(), plan.chunks().size(), false,
				empty ? BackfillStatus.SUCCEEDED : null, this.clock.instant(), empty ? this.clock.instant() : null);
		List<BackfillChunk> chunks = new ArrayList<>();
		for (PlannedChunk planned : plan.chunks()) {
			chunks.add(new BackfillChunk(taskId, chunks.size(), planned.symbol(), planned.periods(),
					ChunkStatus.PENDING, 0, 0, null, null));
		}
		this.store.create(task, chunks);
		List<TaskInstance<?>> executions = new ArrayList<>();
		for (BackfillChunk chunk : chunks) {
			executions.add(BackfillChunkTask.TASK.instance(BackfillChunkTask.instanceId(taskId, chunk.chunkNo()))
				.priority(Priority.LOW)
				.build());
		}
		if (!executions.isEmpty()) {
			this.scheduler.scheduleBatch(executions, this.clock.instant());
			this.wakeUp.run();
		}
		logger.info("Backfill " + taskId + " started: " + plan.startDate() + " .. " + plan.endDate() + ", "
				+ plan.missingPeriods() + " missing period(s) in " + chunks.size() + " chunk(s)");
		if (empty) {
			publish(progress(taskId));
		}
		return new Started(task, plan);
	}

	/**
	 * Where a task stands.
	 * @param taskId the task's id
	 * @return its progress
	 * @throws BackfillTaskNotFoundException when there is no such task
	 */
	public BackfillProgress progress(String taskId) {
		BackfillTask task = this.store.task(taskId).orElseThrow(() -> new BackfillTaskNotFoundException(taskId));
		return withMovement(BackfillProgress.of(task, this.store.chunks(taskId)));
	}

	/**
	 * Count this collector's stalled tasks (see {@link BackfillProgress#stalled()}).
	 * @return the number of stalled tasks
	 */
	public int stalledTasks() {
		return this.store.stalledTasks(this.collector, this.clock.instant().minus(this.stalledAfter));
	}

	private BackfillProgress withMovement(BackfillProgress progress) {
		if (progress.status().finished()) {
			return progress;
		}
		JdbcBackfillStore.Movement movement = this.store.movement(progress.task().taskId());
		boolean stalled = movement.running() > 0 && movement.lastUpdate() != null
				&& movement.lastUpdate().isBefore(this.clock.instant().minus(this.stalledAfter));
		return progress.withMovement(stalled, movement.lastUpdate());
	}

	/**
	 * The latest tasks of this collector, newest first.
	 * @param limit how many at most
	 * @return their progress
	 */
	public List<BackfillProgress> list(int limit) {
		return this.store.tasks(this.collector, limit)
			.stream()
			.map((task) -> withMovement(BackfillProgress.of(task, this.store.chunks(task.taskId()))))
			.toList();
	}

	/**
	 * Cancel a task: chunks that have not started never will; running ones finish.
	 * @param taskId the task's id
	 * @return its progress after the cancel
	 * @throws BackfillTaskNotFoundException when there is no such task
	 */
	public BackfillProgress cancel(String taskId) {
		if (!this.store.cancel(taskId)) {
			throw new BackfillTaskNotFoundException(taskId);
		}
		logger.info("Backfill " + taskId + " cancelled");
		closeIfDone(taskId);
		return progress(taskId);
	}

	/**
	 * Record the end of a task whose chunks have all ended, once across the cluster, and
	 * publish {@link BackfillCompletedEvent}.
	 * @param taskId the task's id
	 */
	void closeIfDone(String taskId) {
		// after every chunk: a count on the chunks' key, not all the chunks of the task
		if (this.store.openChunks(taskId) > 0) {
			return;
		}
		BackfillProgress progress = progress(taskId);
		if (progress.task().finalStatus() != null || !progress.allChunksEnded()) {
			return;
		}
		if (this.store.finish(taskId, progress.status())) {
			BackfillProgress closed = progress(taskId);
			logger.info("Backfill " + taskId + " " + closed.status().label() + ": " + closed.chunksDone() + "/"
					+ closed.task().chunksTotal() + " chunk(s) done, " + closed.recordsBackfilled() + " record(s)");
			publish(closed);
		}
	}

	private void publish(BackfillProgress progress) {
		try {
			this.events.publishEvent(new BackfillCompletedEvent(progress));
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of the backfill event failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A started task.
	 *
	 * @param task the stored task
	 * @param plan its plan
	 */
	public record Started(BackfillTask task, BackfillPlan plan) {
	}

}
