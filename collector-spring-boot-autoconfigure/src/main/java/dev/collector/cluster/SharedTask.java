package dev.collector.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.collector.cluster.ChunkFairness.Admission;

/**
 * One db-scheduler task for a task name that several collectors use on one scheduler
 * (db-scheduler's task names are global to its table): each execution goes to the task of
 * the collector that owns it, with that task's handlers (execution, failure, dead
 * execution). The owner is the collector whose name is the instance id (the collection,
 * the retention purge), else the one whose task says it {@linkplain Owner#owns() owns}
 * the instance (a backfill chunk, by its backfill task).
 * <p>
 * An execution that no collector of this replica owns (a collector that a newer version
 * of the application added, during a rolling update) is left for a replica that knows it:
 * it is rescheduled a minute later, never removed.
 *
 * @param <T> the data of the task's executions
 */
final class SharedTask<T> extends CustomTask<T> {

	private static final Log logger = LogFactory.getLog(SharedTask.class);

	static final Duration UNKNOWN_OWNER_RETRY = Duration.ofMinutes(1);

	private final List<Owner> owners;

	private final ChunkFairness fairness;

	private final Duration fullRetry;

	/**
	 * Create the task.
	 * @param owners the collectors' tasks of the same name, in the collectors' order
	 * @param fairness how chunks share the threads, {@code null} for a task that is not a
	 * chunk
	 * @param fullRetry when a chunk that found every thread for chunks taken tries again
	 */
	@SuppressWarnings("unchecked")
	SharedTask(List<Owner> owners, ChunkFairness fairness, Duration fullRetry) {
		super(owners.get(0).task().getName(), (Class<T>) owners.get(0).task().getDataClass(), null, (now) -> now,
				(complete, operations) -> {
				}, (complete, operations) -> {
				}, owners.get(0).task().getDefaultPriority());
		this.owners = List.copyOf(owners);
		this.fairness = fairness;
		this.fullRetry = fullRetry;
	}

	/**
	 * Whether any collector creates its instance of the task at start-up.
	 * @return whether the scheduler must call {@link #onStartup}
	 */
	boolean createdAtStartup() {
		return this.owners.stream().anyMatch(Owner::createdAtStartup);
	}

	/**
	 * The collectors sharing the task.
	 * @return their tasks, in the collectors' order
	 */
	List<Owner> owners() {
		return this.owners;
	}

	@Override
	public void onStartup(SchedulerClient scheduler, Clock clock) {
		for (Owner owner : this.owners) {
			if (owner.createdAtStartup() && owner.task() instanceof OnStartup startup) {
				try {
					startup.onStartup(scheduler, clock);
				}
				catch (RuntimeException ex) {
					// one collector's failure leaves the others' instances created
					logger.error("Could not create the " + getName() + " instance of collector " + owner.collector()
							+ ": " + ex.getMessage(), ex);
				}
			}
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public CompletionHandler<T> execute(TaskInstance<T> instance, ExecutionContext context) {
		Optional<Owner> found = ownerOf(instance.getId());
		if (found.isEmpty()) {
			logger.warn("No collector of this replica owns " + instance + "; left for another replica");
			return (complete, operations) -> operations.reschedule(complete,
					complete.getTimeDone().plus(UNKNOWN_OWNER_RETRY));
		}
		Owner owner = found.get();
		Task<T> task = (Task<T>) owner.task();
		if (this.fairness == null) {
			return task.execute(instance, context);
		}
		Admission admission = this.fairness.admit(owner.collector());
		if (admission == Admission.GIVE_WAY) {
			// behind every chunk due now: those of the collector that waits longer
			logger.debug("Backfill chunk " + instance.getId() + " of " + owner.collector() + " gives way");
			return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone());
		}
		if (admission == Admission.FULL) {
			return (complete, operations) -> operations.reschedule(complete,
					complete.getTimeDone().plus(this.fullRetry));
		}
		try {
			return task.execute(instance, context);
		}
		finally {
			this.fairness.finished(owner.collector());
		}
	}

	@Override
	public FailureHandler<T> getFailureHandler() {
		return this::onFailure;
	}

	@Override
	public DeadExecutionHandler<T> getDeadExecutionHandler() {
		return this::onDeadExecution;
	}

	@SuppressWarnings("unchecked")
	private void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
		Optional<Owner> owner = ownerOf(complete.getExecution().taskInstance.getId());
		if (owner.isPresent()) {
			((Task<T>) owner.get().task()).getFailureHandler().onFailure(complete, operations);
		}
		else {
			operations.reschedule(complete, complete.getTimeDone().plus(UNKNOWN_OWNER_RETRY));
		}
	}

	@SuppressWarnings("unchecked")
	private void onDeadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
		Optional<Owner> owner = ownerOf(complete.getExecution().taskInstance.getId());
		if (owner.isPresent()) {
			((Task<T>) owner.get().task()).getDeadExecutionHandler().deadExecution(complete, operations);
		}
		else {
			// revived as db-scheduler does by default; a replica that knows it runs it
			operations.reschedule(complete, complete.getTimeDone());
		}
	}

	Optional<Owner> ownerOf(String instanceId) {
		for (Owner owner : this.owners) {
			if (owner.collector().equals(instanceId)) {
				return Optional.of(owner);
			}
		}
		for (Owner owner : this.owners) {
			try {
				if (owner.owns().test(instanceId)) {
					return Optional.of(owner);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not ask " + owner.collector() + " about " + instanceId + ": " + ex.getMessage());
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return "SharedTask " + getName() + " of " + this.owners.stream().map(Owner::collector).toList();
	}

	/**
	 * A collector's task of the shared name.
	 *
	 * @param collector the collector's name
	 * @param task its task
	 * @param owns whether an instance id that is not the collector's name is its own
	 * @param createdAtStartup whether its instance is created at start-up
	 */
	record Owner(String collector, Task<?> task, Predicate<String> owns, boolean createdAtStartup) {
	}

}
