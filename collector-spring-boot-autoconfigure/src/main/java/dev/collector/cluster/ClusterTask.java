package dev.collector.cluster;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

/**
 * A task of its own on the collector's db-scheduler, beside the collection: each bean of
 * this type is registered there, so that each execution runs on exactly one replica. The
 * instance of a task {@linkplain #createdAtStartup() created at start-up} (the retention
 * purge) is created unless another replica created it already; the executions of any
 * other task (the backfill chunks) are added on demand.
 */
@FunctionalInterface
public interface ClusterTask {

	/**
	 * The db-scheduler task, created once when the scheduler is built.
	 * @return the task
	 */
	CustomTask<?> task();

	/**
	 * Whether the scheduler creates the task's instance at start-up; {@code false} for a
	 * task whose executions are added on demand.
	 * @return whether the task is a start task of the scheduler
	 */
	default boolean createdAtStartup() {
		return true;
	}

	/**
	 * Whether an execution of the task belongs to this bean's collector. With several
	 * collectors one scheduler serves them all, and each execution of a task name goes to
	 * the collector that owns it: first the collector whose name is the instance id (the
	 * retention purge), else the one whose bean answers {@code true} here.
	 * @param instanceId the execution's instance id
	 * @return {@code true} when this bean runs that execution; {@code false} by default
	 */
	default boolean owns(String instanceId) {
		return false;
	}

	/**
	 * Whether executions of this bean's collector are due and wait for a thread (backfill
	 * chunks not picked yet); a scheduler shared by several collectors lets the collector
	 * that ran least recently go first among those waiting.
	 * @return {@code false} by default
	 */
	default boolean hasWaitingExecutions() {
		return false;
	}

}
