package dev.collector.cluster;

import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the collector's db-scheduler (with several collectors, the one they share) with
 * the application context and stops it at close: no new executions are picked, and those
 * running get {@code collector.shutdown-timeout} to finish. An execution cut off there is
 * taken over by another replica once its heartbeats stop. In a one-shot run
 * ({@code collector.run}) it starts only when the run needs it (collect, backfill), after
 * the run placed its order.
 */
public class ClusterSchedulerLifecycle implements SmartLifecycle {

	private final Scheduler scheduler;

	private final boolean autoStartup;

	private volatile boolean running;

	public ClusterSchedulerLifecycle(Scheduler scheduler, ClusterCollection collection) {
		this(scheduler, collection, true);
	}

	/**
	 * Create the lifecycle.
	 * @param scheduler the collector's db-scheduler
	 * @param collection the collection task, connected to the scheduler at once (a
	 * one-shot run places its order before the scheduler starts)
	 * @param autoStartup whether the scheduler starts with the context; a one-shot run
	 * ({@code collector.run}) starts it itself, and only when it needs it
	 */
	public ClusterSchedulerLifecycle(Scheduler scheduler, ClusterCollection collection, boolean autoStartup) {
		this(scheduler, List.of(collection), autoStartup);
	}

	/**
	 * Create the lifecycle of a scheduler that serves several collectors.
	 * @param scheduler the scheduler shared by the collectors
	 * @param collections every collector's collection task, each connected to the
	 * scheduler at once
	 * @param autoStartup whether the scheduler starts with the context
	 */
	public ClusterSchedulerLifecycle(Scheduler scheduler, List<ClusterCollection> collections, boolean autoStartup) {
		this.scheduler = scheduler;
		this.autoStartup = autoStartup;
		collections.forEach((collection) -> collection.attach(scheduler));
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
