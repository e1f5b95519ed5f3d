package dev.collector.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.event.SchedulerListeners;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Takes back, when a replica starts, the executions that its identity
 * ({@code collector.instance-id}, the pod name on Kubernetes) still holds in
 * db-scheduler's table from before a crash, instead of waiting for db-scheduler's
 * dead-execution detection (heartbeat-interval times missed-heartbeats-limit).
 * <p>
 * A JVM that starts holds no execution yet, so every execution picked under its name
 * belongs to a previous life. Each is handed to its task's own dead-execution handler,
 * exactly as db-scheduler does when it detects one, through db-scheduler's repository
 * (the update checks the execution's version, so a concurrent revival by another replica
 * wins harmlessly). One safeguard remains: an execution whose heartbeat is younger than
 * two heartbeat intervals may belong to a live replica that was given the same identity
 * by mistake, so it is taken back only once its heartbeat is that old.
 * <p>
 * It runs as soon as the database is initialised, early in the start-up of the
 * application and before this replica's scheduler starts: the executions taken back are
 * due at once, so a replica that is already running picks them up while this one is still
 * starting.
 */
public class RestartRecovery implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(RestartRecovery.class);

	private final String identity;

	private final JdbcTaskRepository repository;

	private final TaskResolver tasks;

	private final Duration guard;

	private final Clock clock = new SystemClock();

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "collector-restart-recovery");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Create the recovery for one scheduler.
	 * @param dataSource the scheduler's database
	 * @param identity the scheduler's name (this replica's instance id)
	 * @param tasks the scheduler's tasks
	 * @param heartbeatInterval the scheduler's heartbeat interval
	 */
	public RestartRecovery(DataSource dataSource, String identity, List<Task<?>> tasks, Duration heartbeatInterval) {
		this.identity = identity;
		this.tasks = new TaskResolver(SchedulerListeners.NOOP, this.clock, tasks);
		this.repository = new JdbcTaskRepository(dataSource, false, SchedulerJdbcCustomization.of(dataSource),
				JdbcTaskRepository.DEFAULT_TABLE_NAME, this.tasks, new SchedulerName.Fixed(identity),
				Serializer.DEFAULT_JAVA_SERIALIZER, true, this.clock);
		this.guard = heartbeatInterval.multipliedBy(2);
	}

	/**
	 * Take back this identity's executions, now or, for those whose heartbeat is still
	 * recent, as soon as it is old enough.
	 * @param wakeUp run after executions were taken back, so they are picked at once
	 * @return the number of executions taken back now
	 */
	public int recover(Runnable wakeUp) {
		// a JVM that starts runs nothing yet: everything held under its name is stranded
		return recover((execution) -> false, wakeUp);
	}

	/**
	 * Take back, once the database is back after an outage, the executions that this
	 * replica still holds but no longer runs: their end could not be written while the
	 * database was gone, so db-scheduler leaves them picked until its dead-execution
	 * detection finds them (heartbeat-interval times missed-heartbeats-limit, a minute by
	 * default), and the collection answers 409 until then. Runs on a thread of its own:
	 * the availability check that calls it must not block.
	 * @param runningHere whether this replica's scheduler is running an execution now
	 * (those are never taken back)
	 * @param wakeUp run after executions were taken back, so they are picked at once
	 */
	public void recoverStranded(Predicate<TaskInstanceId> runningHere, Runnable wakeUp) {
		this.later.execute(() -> {
			try {
				recover((execution) -> runningHere.test(execution.taskInstance), wakeUp);
			}
			catch (RuntimeException ex) {
				// db-scheduler's dead-execution detection still revives them later
				logger.warn("Could not look for executions stranded by the database outage: " + ex.getMessage());
			}
		});
	}

	private int recover(Predicate<Execution> runningHere, Runnable wakeUp) {
		List<Execution> owned = new ArrayList<>();
		this.repository.getScheduledExecutions(ScheduledExecutionsFilter.all().withPicked(true), (execution) -> {
			if (this.identity.equals(execution.pickedBy) && !runningHere.test(execution)) {
				owned.add(execution);
			}
		});
		Instant now = this.clock.now();
		int recovered = 0;
		for (Execution execution : owned) {
			// the guard also covers an execution picked a moment ago that the scheduler
			// has not started yet: its heartbeat is the moment it was picked
			Instant takeable = (execution.lastHeartbeat != null) ? execution.lastHeartbeat.plus(this.guard) : now;
			if (!takeable.isAfter(now)) {
				recovered += takeBack(execution, now) ? 1 : 0;
			}
			else {
				long delay = Duration.between(now, takeable).toMillis() + 1;
				this.later.schedule(() -> {
					// only if still held under this name since (not revived, not ended)
					// and still not running here
					Execution current = this.repository.getExecution(execution.taskInstance).orElse(null);
					if (current != null && current.version == execution.version && !runningHere.test(current)
							&& takeBack(current, this.clock.now())) {
						wakeUp.run();
					}
				}, delay, TimeUnit.MILLISECONDS);
			}
		}
		if (recovered > 0) {
			wakeUp.run();
		}
		return recovered;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private boolean takeBack(Execution execution, Instant now) {
		try {
			Task task = this.tasks.resolve(execution).orElse(null);
			if (task == null) {
				return false;
			}
			logger.info("Taking back execution " + execution.taskInstance + " that this replica (" + this.identity
					+ ") held before it restarted");
			task.getDeadExecutionHandler()
				.deadExecution(ExecutionComplete.failure(execution, now, now, null),
						new ExecutionOperations(this.repository, SchedulerListeners.NOOP, execution));
			return true;
		}
		catch (RuntimeException ex) {
			// revived by another replica meanwhile (version changed), or the database is
			// away: db-scheduler's own dead-execution detection still covers it
			logger.warn("Could not take back execution " + execution.taskInstance + ": " + ex.getMessage());
			return false;
		}
	}

	@Override
	public void afterPropertiesSet() {
		try {
			recover(() -> {
			});
		}
		catch (RuntimeException ex) {
			// db-scheduler's dead-execution detection still revives them later
			logger.warn("Could not look for executions held before a restart: " + ex.getMessage());
		}
	}

	/**
	 * Forget the take-backs still planned (at shutdown).
	 */
	@Override
	public void destroy() {
		this.later.shutdownNow();
	}

}
