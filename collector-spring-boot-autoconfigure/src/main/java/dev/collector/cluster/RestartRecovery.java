package dev.collector.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
		List<Execution> owned = new ArrayList<>();
		this.repository.getScheduledExecutions(ScheduledExecutionsFilter.all().withPicked(true), (execution) -> {
			if (this.identity.equals(execution.pickedBy)) {
				owned.add(execution);
			}
		});
		Instant now = this.clock.now();
		int recovered = 0;
		for (Execution execution : owned) {
			Instant takeable = (execution.lastHeartbeat != null) ? execution.lastHeartbeat.plus(this.guard) : now;
			if (!takeable.isAfter(now)) {
				recovered += takeBack(execution, now) ? 1 : 0;
			}
			else {
				long delay = Duration.between(now, takeable).toMillis() + 1;
				this.later.schedule(() -> {
					// only if still held under this name since (not revived, not ended)
					Execution current = this.repository.getExecution(execution.taskInstance).orElse(null);
					if (current != null && current.version == execution.version
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
