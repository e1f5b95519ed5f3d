package dev.collector.cluster;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

/**
 * A task of its own on the collector's db-scheduler, beside the collection and backfill
 * chunks: each bean of this type is registered there and its instance created at start-up
 * unless another replica created it already, so that each execution runs on exactly one
 * replica (the retention purge is one).
 */
@FunctionalInterface
public interface ClusterTask {

	/**
	 * The db-scheduler task, created once when the scheduler is built.
	 * @return the task
	 */
	CustomTask<?> task();

}
