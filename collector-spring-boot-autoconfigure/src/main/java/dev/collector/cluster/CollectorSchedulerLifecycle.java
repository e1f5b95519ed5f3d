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

	private volatile boolean running;

	public CollectorSchedulerLifecycle(Scheduler scheduler, ClusterCollection collection) {
		this.scheduler = scheduler;
		this.collection = collection;
	}

	@Override
	public void start() {
		this.collection.attach(this.scheduler);
		this.scheduler.start();
		this.running = true;
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
