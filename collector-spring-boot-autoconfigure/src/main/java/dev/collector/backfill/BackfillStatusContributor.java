package dev.collector.backfill;

import java.util.List;

import dev.collector.ops.StatusContributor;

/**
 * The {@code backfill_tasks} section of /status: the backfill tasks still pending or
 * running, with the same fields as {@code GET /backfill/{task_id}}.
 */
public class BackfillStatusContributor implements StatusContributor {

	/** How many of the newest tasks are looked at. */
	private static final int RECENT_TASKS = 50;

	private final BackfillService backfill;

	public BackfillStatusContributor(BackfillService backfill) {
		this.backfill = backfill;
	}

	@Override
	public String name() {
		return "backfill_tasks";
	}

	@Override
	public List<BackfillResponses.Progress> status() {
		return this.backfill.list(RECENT_TASKS)
			.stream()
			.filter((progress) -> progress.status() == BackfillStatus.PENDING
					|| progress.status() == BackfillStatus.RUNNING)
			.map(BackfillResponses.Progress::of)
			.toList();
	}

}
