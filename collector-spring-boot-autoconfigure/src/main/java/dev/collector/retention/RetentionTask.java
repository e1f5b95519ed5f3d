package dev.collector.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.collector.cluster.ClusterTask;

/**
 * The retention purge as one db-scheduler task instance per collector, shared by all
 * replicas: each purge runs on exactly one of them, {@code collector.retention.interval}
 * after the previous one ended. A purge that fails (database down) is tried again after
 * the same interval; one cut off by a shutdown leaves the rest for the next.
 */
public class RetentionTask implements ClusterTask {

	private static final Log logger = LogFactory.getLog(RetentionTask.class);

	/** db-scheduler task of the purge; its instance id is the collector's name. */
	public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("collector-retention", Void.class);

	private final String collectorName;

	private final RetentionPurge purge;

	private final Supplier<RetentionPolicy> policy;

	private final Supplier<Duration> interval;

	/**
	 * A task that purges with the current policy every interval, both read at each use
	 * (they can change live).
	 * @param collectorName the collector's name, the task's instance id
	 * @param purge the purge
	 * @param policy the current retention policy
	 * @param interval the current time between purges
	 */
	public RetentionTask(String collectorName, RetentionPurge purge, Supplier<RetentionPolicy> policy,
			Supplier<Duration> interval) {
		this.collectorName = collectorName;
		this.purge = purge;
		this.policy = policy;
		this.interval = interval;
	}

	@Override
	public CustomTask<Void> task() {
		Schedule schedule = new IntervalSchedule(this.interval);
		return Tasks.custom(TASK)
			// before queued backfill chunks (LOW), after the collection (HIGH)
			.defaultPriority(Priority.MEDIUM)
			.scheduleOnStartup(this.collectorName, null, schedule::getInitialExecutionTime)
			.onFailureReschedule(schedule)
			.execute((instance, context) -> {
				purge(() -> context.getSchedulerState().isShuttingDown());
				return (complete, operations) -> operations.reschedule(complete,
						schedule.getNextExecutionTime(complete), null);
			});
	}

	/**
	 * Run one purge now, on this replica.
	 * @param stopping asked between batches
	 * @return rows deleted per table
	 */
	public Map<String, Long> purge(BooleanSupplier stopping) {
		RetentionPolicy policy = this.policy.get();
		long start = System.nanoTime();
		Map<String, Long> deleted;
		try {
			deleted = this.purge.purge(policy, stopping);
		}
		catch (RuntimeException ex) {
			logger.error("Retention purge of " + this.collectorName + " failed, next try in " + this.interval.get()
					+ ": " + ex.getMessage(), ex);
			throw ex;
		}
		long total = deleted.values().stream().mapToLong(Long::longValue).sum();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		String summary = "Retention purge of " + this.collectorName + " deleted " + total + " rows " + deleted + " in "
				+ took.toMillis() + " ms" + (stopping.getAsBoolean() ? ", stopped early for shutdown" : "");
		if (total > 0) {
			logger.info(summary);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(summary);
		}
		return deleted;
	}

	/**
	 * Fixed delay from the end of one purge to the next, read at every computation so
	 * that a refreshed interval applies from the next purge.
	 */
	private record IntervalSchedule(Supplier<Duration> interval) implements Schedule {

		@Override
		public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
			return executionComplete.getTimeDone().plus(this.interval.get());
		}

		@Override
		public Instant getInitialExecutionTime(Instant now) {
			return now.plus(this.interval.get());
		}

		@Override
		public boolean isDeterministic() {
			return false;
		}

	}

}
