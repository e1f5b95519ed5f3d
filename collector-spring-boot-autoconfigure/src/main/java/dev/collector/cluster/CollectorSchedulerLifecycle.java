package dev.collector.cluster;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the collector's db-scheduler with the application context and stops it at close:
 * no new executions are picked, and those running get {@code collector.shutdown-timeout}
 * to finish. An execution cut off there is taken over by another replica once its
 * heartbeats stop.
 */
public class CollectorSchedulerLifecycle implements SmartLifecycle {

	private final Scheduler scheduler;

	private final ClusterCollection collection;

	private final RestartRecovery recovery;

	private volatile boolean running;

	public CollectorSchedulerLifecycle(Scheduler scheduler, ClusterCollection collection) {
		this(scheduler, collection, null);
	}

	/**
	 * Create the lifecycle.
	 * @param scheduler the collector's scheduler
	 * @param collection the collection task, attached to the scheduler at start
	 * @param recovery takes back this replica's executions from before a restart, or
	 * {@code null}
	 */
	public CollectorSchedulerLifecycle(Scheduler scheduler, ClusterCollection collection, RestartRecovery recovery) {
		this.scheduler = scheduler;
		this.collection = collection;
		this.recovery = recovery;
	}

	@Override
	public void start() {
		this.collection.attach(this.scheduler);
		if (this.recovery != null) {
			try {
				this.recovery.recover(this.scheduler::triggerCheckForDueExecutions);
			}
			catch (RuntimeException ex) {
				// db-scheduler's dead-execution detection still revives them later
				org.apache.commons.logging.LogFactory.getLog(CollectorSchedulerLifecycle.class)
					.warn("Could not look for executions held before a restart: " + ex.getMessage());
			}
		}
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.recovery != null) {
			this.recovery.stop();
		}
		this.scheduler.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
