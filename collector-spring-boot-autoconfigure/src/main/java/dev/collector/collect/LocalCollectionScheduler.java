package dev.collector.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs a collection every interval in this JVM (fixed delay: the interval counts from the
 * end of the previous run); with a database and db-scheduler the cluster's schedule
 * replaces it (see {@code ClusterCollection} and {@code ClusterSchedulerLifecycle}).
 * Starts with the application context and stops taking new runs as soon as the context
 * closes (SIGTERM); a run in progress finishes while the collector's executor shuts down
 * gracefully.
 */
public class LocalCollectionScheduler implements SmartLifecycle, CollectionSchedule {

	private static final Log logger = LogFactory.getLog(LocalCollectionScheduler.class);

	private final CollectionRunner runner;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Duration initialDelay;

	private final Duration interval;

	private volatile ScheduledFuture<?> future;

	private boolean autoStartup = true;

	public LocalCollectionScheduler(CollectionRunner runner, TaskScheduler scheduler, Clock clock,
			Duration initialDelay, Duration interval) {
		this.runner = runner;
		this.scheduler = scheduler;
		this.clock = clock;
		this.initialDelay = initialDelay;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.future = this.scheduler.scheduleWithFixedDelay(this::runOnce, this.clock.instant().plus(this.initialDelay),
				this.interval);
		logger.info("Scheduled collection every " + this.interval + ", first in " + this.initialDelay);
	}

	/**
	 * Set whether the schedule starts with the context; a one-shot run
	 * ({@code collector.run}) runs its collection itself and schedules none.
	 * @param autoStartup whether to start with the context
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = this.future;
		if (current != null) {
			// no interrupt: a run in progress ends normally, only the next ones are
			// dropped
			current.cancel(false);
			this.future = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.future != null;
	}

	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * When the next scheduled collection starts.
	 * @return the instant, empty while the schedule is stopped
	 */
	@Override
	public Optional<Instant> nextRun() {
		ScheduledFuture<?> current = this.future;
		if (current == null) {
			return Optional.empty();
		}
		long delay = Math.max(0, current.getDelay(TimeUnit.MILLISECONDS));
		return Optional.of(this.clock.instant().plusMillis(delay));
	}

	void runOnce() {
		try {
			this.runner.run(Trigger.SCHEDULED);
		}
		catch (CollectionInProgressException ex) {
			logger.info("Scheduled collection skipped: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			// never let an exception cancel the periodic task
			logger.error("Scheduled collection could not start: " + ex.getMessage(), ex);
		}
	}

}
