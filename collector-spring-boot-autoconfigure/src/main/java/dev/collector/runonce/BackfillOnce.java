package dev.collector.runonce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;

import dev.collector.backfill.BackfillCompletedEvent;
import dev.collector.backfill.BackfillPlan;
import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillRequestException;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.BackfillService.Started;
import dev.collector.config.RunMode;
import dev.collector.config.RunOnceRefusedException;

/**
 * {@code collector.run=backfill}: plans a backfill as {@code POST /backfill} does, starts
 * it, starts this process's share of the cluster's work (the collector's db-scheduler,
 * which executes the chunks) and waits for the task's end. Other replicas may execute
 * some of the chunks meanwhile; the task ends when all have ended, wherever. With
 * {@code collector.run-once.dry-run} only the plan is printed.
 */
class BackfillOnce implements RunOnceTask, ApplicationListener<BackfillCompletedEvent> {

	private static final Log logger = LogFactory.getLog(BackfillOnce.class);

	/** Longest wait between two looks at the task in the database. */
	private static final long POLL_MILLIS = 1000;

	private final String collectorName;

	private final BackfillService backfill;

	private final Runnable startWorkers;

	private final Supplier<BackfillRequest> request;

	private final Object ended = new Object();

	BackfillOnce(String collectorName, BackfillService backfill, Runnable startWorkers,
			Supplier<BackfillRequest> request) {
		this.collectorName = collectorName;
		this.backfill = backfill;
		this.startWorkers = startWorkers;
		this.request = request;
	}

	@Override
	public RunMode mode() {
		return RunMode.BACKFILL;
	}

	@Override
	public List<RunOnceReport> run() {
		BackfillRequest request = this.request.get();
		try {
			if (request.dryRun()) {
				BackfillPlan plan = this.backfill.plan(request);
				return List.of(new RunOnceReport(this.collectorName, RunOnceStatus.SUCCEEDED, plan(plan, true)));
			}
			Started started = this.backfill.start(request);
			this.startWorkers.run();
			BackfillProgress progress = awaitEnd(started.task().taskId());
			Map<String, Object> details = plan(started.plan(), false);
			details.put("task_id", progress.task().taskId());
			details.put("task_status", progress.status().label());
			details.put("chunks_total", progress.task().chunksTotal());
			details.put("chunks_done", progress.chunksDone());
			details.put("chunks_failed", progress.chunksFailed());
			details.put("records_backfilled", progress.recordsBackfilled());
			if (!progress.errors().isEmpty()) {
				details.put("errors", progress.errors());
			}
			return List.of(new RunOnceReport(this.collectorName, RunOnceStatus.of(progress), details));
		}
		catch (BackfillRequestException ex) {
			throw new RunOnceRefusedException(mode().label(), ex.getMessage());
		}
	}

	@Override
	public void onApplicationEvent(BackfillCompletedEvent event) {
		synchronized (this.ended) {
			this.ended.notifyAll();
		}
	}

	private BackfillProgress awaitEnd(String taskId) {
		BackfillProgress progress = this.backfill.progress(taskId);
		while (!progress.status().finished()) {
			synchronized (this.ended) {
				try {
					// woken by this process's BackfillCompletedEvent; a task that another
					// replica closes is seen at the next look
					this.ended.wait(POLL_MILLIS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					logger.warn("Stopped waiting for backfill " + taskId + ": interrupted");
					return progress;
				}
			}
			progress = this.backfill.progress(taskId);
		}
		return progress;
	}

	private static Map<String, Object> plan(BackfillPlan plan, boolean dryRun) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("dry_run", dryRun);
		details.put("start_date", plan.startDate().toString());
		details.put("end_date", plan.endDate().toString());
		details.put("symbols", plan.symbols());
		details.put("force", plan.force());
		details.put("missing_periods", plan.missingPeriods());
		details.put("chunks", plan.chunks().size());
		details.put("estimated_records", plan.estimatedRecords());
		return details;
	}

}
