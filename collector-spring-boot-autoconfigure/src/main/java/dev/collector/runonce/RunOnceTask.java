package dev.collector.runonce;

import java.util.List;

import dev.collector.config.RunMode;

/**
 * The work of one {@link RunMode}: one bean per mode, picked by {@link RunOnceRunner}.
 * Replace one by declaring a bean of this type for the same mode.
 */
public interface RunOnceTask {

	/**
	 * The mode this task runs.
	 * @return the mode
	 */
	RunMode mode();

	/**
	 * Run it once, on the calling thread, until it ended.
	 * @return one report per collector
	 * @throws dev.collector.config.RunOnceRefusedException when the run cannot start (a
	 * bad argument, a run in progress in the cluster)
	 */
	List<RunOnceReport> run();

}
