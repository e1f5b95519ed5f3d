package dev.collector.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

import dev.collector.collect.CollectionInProgressException;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectionSchedule;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectionLauncher.Submission;
import dev.collector.collect.RunHistory;
import dev.collector.collect.RunPermits;
import dev.collector.collect.Trigger;

/**
 * The collection as one db-scheduler task instance per collector, shared by all replicas:
 * db-scheduler picks each execution on exactly one replica, so scheduled and on-demand
 * runs never overlap anywhere in the cluster.
 * <p>
 * A scheduled run is the instance without data; after each run it is rescheduled by
 * {@link LiveIntervalSchedule}. {@code POST /collect} reschedules the same instance to
 * now with a {@link CollectionOrder} (the run id it answered), unless it is executing or
 * already holds an order: then it answers 409. When a backfill chunk holds this JVM's
 * collector, the run tries again shortly (db-scheduler then may give it to another
 * replica); scheduled collection has a higher priority than backfill chunks.
 */
public class ClusterCollection implements CollectionLauncher, CollectionSchedule, DisposableBean {

	private static final Log logger = LogFactory.getLog(ClusterCollection.class);

	/** db-scheduler task of the collection; its instance id is the collector's name. */
	public static final TaskDescriptor<CollectionOrder> TASK = TaskDescriptor.of("collector-collection",
			CollectionOrder.class);

	private static final Duration RETRY_WHEN_BUSY = Duration.ofMillis(200);

	private final String collectorName;

	private final CollectionRunner runner;

	private final RunHistory history;

	private final Supplier<ScheduleInterval> schedule;

	private final Clock clock;

	private final Map<String, CompletableFuture<CollectionResult>> waiting = new ConcurrentHashMap<>();

	private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "collector-order-watch");
		thread.setDaemon(true);
		return thread;
	});

	private volatile SchedulerClient scheduler;

	private volatile RunPermits runPermits = RunPermits.UNBOUNDED;

	/**
	 * Until when a live run counts as waiting (System.nanoTime); it renews at every
	 * retry.
	 */
	private volatile long waitingUntil;

	public ClusterCollection(String collectorName, CollectionRunner runner, RunHistory history,
			Supplier<ScheduleInterval> schedule, Clock clock) {
		this.collectorName = collectorName;
		this.runner = runner;
		this.history = history;
		this.schedule = schedule;
		this.clock = clock;
	}

	/**
	 * The db-scheduler task; registered with the scheduler, which creates its instance at
	 * start-up unless another replica did.
	 * @return the task
	 */
	public CustomTask<CollectionOrder> task() {
		LiveIntervalSchedule liveSchedule = new LiveIntervalSchedule(this.schedule);
		return Tasks.custom(TASK)
			.defaultPriority(Priority.HIGH)
			.scheduleOnStartup(this.collectorName, null, liveSchedule::getInitialExecutionTime)
			.onFailureReschedule(liveSchedule)
			.execute((instance, context) -> execute(instance, context, liveSchedule));
	}

	/**
	 * The collector's name, the instance id of its collection task.
	 * @return the name
	 */
	public String collectorName() {
		return this.collectorName;
	}

	/**
	 * Set the JVM's bound on the runs in flight ({@code collector.max-concurrent-runs}):
	 * a due run that finds no permit free gives its execution back and is picked again
	 * shortly, here or on another replica, without holding a scheduler thread.
	 * @param runPermits the permits, {@link RunPermits#UNBOUNDED} for no bound
	 */
	public void setRunPermits(RunPermits runPermits) {
		this.runPermits = (runPermits != null) ? runPermits : RunPermits.UNBOUNDED;
	}

	/**
	 * Connect the launcher to the scheduler that runs the task.
	 * @param scheduler the scheduler
	 */
	public void attach(SchedulerClient scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public synchronized Submission submit(Trigger trigger, boolean dryRun) {
		SchedulerClient client = this.scheduler;
		if (client == null) {
			throw new IllegalStateException("The collection scheduler has not started yet");
		}
		TaskInstance<CollectionOrder> instance = TASK.instance(this.collectorName).build();
		Optional<ScheduledExecution<Object>> current = client.getScheduledExecution(instance);
		if (current.isEmpty()) {
			client.scheduleIfNotExists(instance, Schedule.NEVER);
			current = client.getScheduledExecution(instance);
		}
		ScheduledExecution<Object> execution = current.orElseThrow();
		if (execution.isPicked()) {
			throw new CollectionInProgressException(runningRunId(execution));
		}
		if (execution.getData() instanceof CollectionOrder order) {
			throw new CollectionInProgressException(order.runId());
		}
		String runId = UUID.randomUUID().toString();
		CompletableFuture<CollectionResult> result = new CompletableFuture<>();
		this.waiting.put(runId, result);
		boolean rescheduled;
		try {
			rescheduled = client.reschedule(instance, this.clock.instant(), new CollectionOrder(runId, dryRun));
		}
		catch (TaskInstanceCurrentlyExecutingException ex) {
			rescheduled = false;
		}
		if (!rescheduled) {
			this.waiting.remove(runId);
			throw new CollectionInProgressException(null);
		}
		wakeUp();
		watch(runId, result, client, instance);
		return new Submission(runId, trigger, result);
	}

	@Override
	public Optional<Instant> nextRun() {
		SchedulerClient client = this.scheduler;
		if (client == null) {
			return Optional.empty();
		}
		return client.getScheduledExecution(TASK.instance(this.collectorName).build())
			.map(ScheduledExecution::getExecutionTime)
			.filter((time) -> time.isBefore(Schedule.NEVER));
	}

	/**
	 * Whether a scheduled or manual run is waiting for this JVM's collector, which a
	 * backfill chunk holds; chunks then give way before their next range.
	 * @return {@code true} while a live run waits
	 */
	public boolean isWaitingForCollector() {
		long until = this.waitingUntil;
		// expires by itself when the run was taken by another replica
		return until != 0 && System.nanoTime() - until < 0;
	}

	/**
	 * Have this replica's scheduler look for due executions now.
	 */
	public void wakeUp() {
		if (this.scheduler instanceof Scheduler local) {
			local.triggerCheckForDueExecutions();
		}
	}

	@Override
	public void destroy() {
		this.watcher.shutdownNow();
	}

	private CompletionHandler<CollectionOrder> execute(TaskInstance<CollectionOrder> instance, ExecutionContext context,
			LiveIntervalSchedule liveSchedule) {
		RunPermits permits = this.runPermits;
		if (!permits.tryAcquire()) {
			// as many runs in flight in this JVM as allowed: keep the order and the
			// instance (single-flight stays), come back shortly
			logger.debug("Collection of " + this.collectorName + " waits for a run permit (" + permits + ")");
			CollectionOrder order = instance.getData();
			return (complete, operations) -> operations.reschedule(complete,
					complete.getTimeDone().plus(RETRY_WHEN_BUSY), order);
		}
		try {
			return run(instance, liveSchedule);
		}
		finally {
			permits.release();
		}
	}

	private CompletionHandler<CollectionOrder> run(TaskInstance<CollectionOrder> instance,
			LiveIntervalSchedule liveSchedule) {
		CollectionOrder order = instance.getData();
		Trigger trigger = (order != null) ? Trigger.MANUAL : Trigger.SCHEDULED;
		String runId = (order != null) ? order.runId() : UUID.randomUUID().toString();
		CollectionResult result;
		try {
			CollectionRequest request = this.runner.nextRequest(runId, trigger, order != null && order.dryRun());
			result = this.runner.run(request);
		}
		catch (CollectionInProgressException ex) {
			// a backfill chunk holds this JVM's collector: keep the order, come back
			// shortly;
			// meanwhile no new chunk range starts here (see isWaitingForCollector)
			this.waitingUntil = System.nanoTime() + 3 * RETRY_WHEN_BUSY.toNanos();
			logger.info("Collection waits for " + ex.getMessage());
			return (complete, operations) -> operations.reschedule(complete,
					complete.getTimeDone().plus(RETRY_WHEN_BUSY), order);
		}
		catch (RuntimeException ex) {
			// the window could not be read (database down): this run is over, the next
			// one as planned
			logger.error("Collection " + runId + " could not start: " + ex.getMessage(), ex);
			CompletableFuture<CollectionResult> caller = this.waiting.remove(runId);
			if (caller != null) {
				caller.completeExceptionally(ex);
			}
			return (complete, operations) -> operations.reschedule(complete,
					liveSchedule.getNextExecutionTime(complete), null);
		}
		this.waitingUntil = 0;
		CompletableFuture<CollectionResult> caller = this.waiting.remove(runId);
		if (caller != null) {
			caller.complete(result);
		}
		return (complete, operations) -> operations.reschedule(complete, liveSchedule.getNextExecutionTime(complete),
				null);
	}

	/**
	 * Complete a caller's future when its run ended on another replica, or fail it when
	 * the order was lost to a concurrent one.
	 */
	private void watch(String runId, CompletableFuture<CollectionResult> result, SchedulerClient client,
			TaskInstance<CollectionOrder> instance) {
		this.watcher.schedule(new Runnable() {
			@Override
			public void run() {
				if (result.isDone()) {
					return;
				}
				try {
					Optional<CollectionResult> finished = ClusterCollection.this.history
						.recent(ClusterCollection.this.collectorName, 20)
						.stream()
						.filter((run) -> run.runId().equals(runId))
						.findFirst();
					if (finished.isPresent()) {
						ClusterCollection.this.waiting.remove(runId);
						result.complete(finished.get());
						return;
					}
					Optional<ScheduledExecution<Object>> execution = client.getScheduledExecution(instance);
					boolean pending = execution.isPresent() && (execution.get().isPicked()
							|| (execution.get().getData() instanceof CollectionOrder order
									&& order.runId().equals(runId)));
					if (!pending) {
						ClusterCollection.this.waiting.remove(runId);
						result.completeExceptionally(new CollectionInProgressException(null));
						return;
					}
				}
				catch (RuntimeException ex) {
					logger.debug("Could not check on run " + runId + ": " + ex.getMessage());
				}
				ClusterCollection.this.watcher.schedule(this, 500, TimeUnit.MILLISECONDS);
			}
		}, 500, TimeUnit.MILLISECONDS);
	}

	private static String runningRunId(ScheduledExecution<Object> execution) {
		return (execution.getData() instanceof CollectionOrder order) ? order.runId() : null;
	}

}
