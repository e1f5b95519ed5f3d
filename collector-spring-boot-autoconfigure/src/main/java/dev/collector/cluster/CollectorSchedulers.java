package dev.collector.cluster;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

import org.springframework.beans.factory.ObjectProvider;

import dev.collector.config.BackfillProperties;
import dev.collector.config.CollectorProperties;
import dev.collector.database.DatabaseAvailability;

/**
 * How the collectors' db-scheduler is built and recovered, whether one collector has it
 * to itself or several share it.
 */
final class CollectorSchedulers {

	private CollectorSchedulers() {
	}

	/**
	 * The scheduler's builder with the collectors' settings.
	 * @param <S> the start tasks' type
	 * @param dataSource the database
	 * @param tasks the tasks added on demand
	 * @param startTasks the tasks whose instances are created at start-up
	 * @param instanceId the replica's id, the scheduler's name
	 * @param threads the scheduler's threads
	 * @param properties the settings of heartbeats, polling and shutdown
	 * @return the builder
	 */
	static <S extends Task<?> & OnStartup> SchedulerBuilder builder(DataSource dataSource,
			List<? extends Task<?>> tasks, List<S> startTasks, String instanceId, int threads,
			CollectorProperties properties) {
		BackfillProperties backfill = properties.getBackfill();
		JdbcCustomization jdbcCustomization = SchedulerJdbcCustomization.of(dataSource);
		SchedulerBuilder builder = Scheduler.create(dataSource, new ArrayList<>(tasks))
			.startTasks(startTasks)
			.schedulerName(new SchedulerName.Fixed(instanceId))
			.threads(threads)
			.pollingInterval(backfill.getPollingInterval())
			// a replica looks at once when it schedules (e.g. a chunk that gave way)
			.enableImmediateExecution()
			.heartbeatInterval(backfill.getHeartbeatInterval())
			.missedHeartbeatsLimit(backfill.getMissedHeartbeatsLimit())
			.shutdownMaxWait(properties.getShutdownTimeout())
			.enablePriority()
			.alwaysPersistTimestampInUTC()
			.jdbcCustomization(jdbcCustomization);
		if (CollectorClusterAutoConfiguration.supportsLockAndFetch(jdbcCustomization)) {
			// one statement locks and fetches at most the free threads' worth of due
			// executions (SELECT ... FOR UPDATE SKIP LOCKED); after each execution the
			// replica looks again at once while more were due
			builder.pollUsingLockAndFetch(0.5, 1.0);
		}
		return builder;
	}

	/**
	 * After a database outage, take back at once what this replica could not end.
	 * @param recovery the restart recovery
	 * @param availability the database's availability, when watched
	 * @param scheduler the running scheduler
	 * @param wakeUp has the scheduler look for due executions now
	 */
	static void recoverAfterOutages(RestartRecovery recovery, ObjectProvider<DatabaseAvailability> availability,
			ObjectProvider<Scheduler> scheduler, Runnable wakeUp) {
		availability.ifAvailable((database) -> database.addListener((state) -> {
			Scheduler running = scheduler.getIfAvailable();
			if (state.available() && running != null) {
				recovery.recoverStranded((id) -> isRunning(running, id), wakeUp);
			}
		}));
	}

	private static boolean isRunning(Scheduler scheduler, TaskInstanceId id) {
		return scheduler.getCurrentlyExecuting()
			.stream()
			.map(CurrentlyExecuting::getTaskInstance)
			.anyMatch(
					(running) -> running.getTaskName().equals(id.getTaskName()) && running.getId().equals(id.getId()));
	}

}
