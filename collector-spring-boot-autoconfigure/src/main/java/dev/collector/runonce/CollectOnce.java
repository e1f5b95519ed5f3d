package dev.collector.runonce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.collector.collect.CollectionInProgressException;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionLauncher.Submission;
import dev.collector.collect.Trigger;
import dev.collector.config.RunMode;
import dev.collector.config.RunOnceRefusedException;

/**
 * {@code collector.run=collect}: one collection from the checkpoint to now through the
 * same launcher as {@code POST /collect}, so the cluster's single flight holds. With
 * db-scheduler the order is placed first and this process's scheduler started after, so
 * this process normally runs it; when a long-running replica picks it up first, this
 * process waits for its result all the same.
 */
class CollectOnce implements RunOnceTask {

	private final String collectorName;

	private final CollectionLauncher launcher;

	private final Runnable startWorkers;

	private final boolean dryRun;

	/**
	 * Create the task.
	 * @param collectorName the collector's name
	 * @param launcher the collector's launcher (cluster-wide with db-scheduler)
	 * @param startWorkers starts what executes the run in this process, after the order
	 * was placed (the collector's db-scheduler), or nothing
	 * @param dryRun whether to fetch and validate only
	 */
	CollectOnce(String collectorName, CollectionLauncher launcher, Runnable startWorkers, boolean dryRun) {
		this.collectorName = collectorName;
		this.launcher = launcher;
		this.startWorkers = startWorkers;
		this.dryRun = dryRun;
	}

	@Override
	public RunMode mode() {
		return RunMode.COLLECT;
	}

	@Override
	public List<RunOnceReport> run() {
		Submission submission;
		try {
			submission = this.launcher.submit(Trigger.MANUAL, this.dryRun);
		}
		catch (CollectionInProgressException ex) {
			throw refused(ex);
		}
		this.startWorkers.run();
		CollectionResult result;
		try {
			result = submission.result().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof CollectionInProgressException inProgress) {
				// the order was lost to a concurrent one
				throw refused(inProgress);
			}
			throw ex;
		}
		return List.of(new RunOnceReport(this.collectorName, RunOnceStatus.of(result.status()), details(result)));
	}

	private RunOnceRefusedException refused(CollectionInProgressException ex) {
		return new RunOnceRefusedException(mode().label(), ex.getMessage());
	}

	static Map<String, Object> details(CollectionResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("run_id", result.runId());
		details.put("dry_run", result.request().dryRun());
		details.put("window_from", result.request().from().toString());
		details.put("window_to", result.request().to().toString());
		details.put("records_collected", result.counts().collected());
		details.put("records_inserted", result.counts().inserted());
		details.put("records_duplicate", result.counts().duplicates());
		details.put("records_invalid", result.counts().invalid());
		details.put("duration_seconds", result.duration().toMillis() / 1000.0);
		if (result.error() != null) {
			details.put("error", result.error());
		}
		return details;
	}

}
