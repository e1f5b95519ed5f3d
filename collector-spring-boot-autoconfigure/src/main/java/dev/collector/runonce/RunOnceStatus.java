package dev.collector.runonce;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillStatus;
import dev.collector.collect.CollectionResult;
import dev.collector.config.RunOnceRefusedException;

/**
 * How a one-shot run ended, and the process's exit code for it.
 */
public enum RunOnceStatus {

	/** Everything asked for was done. */
	SUCCEEDED(0),

	/**
	 * Nothing was done, or what was done does not count (the checkpoint did not move).
	 */
	FAILED(1),

	/** Some parts failed; they are recorded as failed and retried by a later run. */
	PARTIAL(2),

	/**
	 * Not started: a bad argument, or the same kind of run in progress in the cluster.
	 */
	REFUSED(RunOnceRefusedException.EXIT_CODE);

	private final int exitCode;

	RunOnceStatus(int exitCode) {
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return this.exitCode;
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status of a collection's result.
	 * @param status how the collection ended
	 * @return the run's status
	 */
	public static RunOnceStatus of(CollectionResult.Status status) {
		// no default: a new CollectionResult.Status must be mapped here, and the compiler
		// names it
		return switch (status) {
			case SUCCEEDED -> SUCCEEDED;
			case PARTIAL -> PARTIAL;
			case FAILED -> FAILED;
		};
	}

	/**
	 * The status of a backfill task that ended: failed with some chunks done is partial
	 * (the failed periods are in the ledger as failed, and a later backfill collects
	 * them); cancelled is failed.
	 * @param progress the task's progress
	 * @return the run's status
	 */
	public static RunOnceStatus of(BackfillProgress progress) {
		BackfillStatus status = progress.status();
		if (status == BackfillStatus.SUCCEEDED) {
			return SUCCEEDED;
		}
		if (status == BackfillStatus.FAILED && progress.chunksDone() > 0) {
			return PARTIAL;
		}
		return FAILED;
	}

	/**
	 * The status of a run over several collectors: the same for all, else partial.
	 * @param statuses the status of each collector's part
	 * @return the run's status
	 */
	public static RunOnceStatus overall(Collection<RunOnceStatus> statuses) {
		if (statuses.isEmpty()) {
			return FAILED;
		}
		if (statuses.contains(REFUSED)) {
			return REFUSED;
		}
		RunOnceStatus first = statuses.iterator().next();
		return statuses.stream().allMatch((status) -> status == first) ? first : PARTIAL;
	}

	/**
	 * The status of a run over several collectors, each with a part of its own: the worst
	 * of theirs, refused before failed before partial before succeeded, so that a
	 * CronJob's exit code shows the collector that did worst.
	 * @param statuses the status of each collector's part
	 * @return the run's status, failed when there is none
	 */
	public static RunOnceStatus worst(Collection<RunOnceStatus> statuses) {
		if (statuses.isEmpty()) {
			return FAILED;
		}
		for (RunOnceStatus status : List.of(REFUSED, FAILED, PARTIAL)) {
			if (statuses.contains(status)) {
				return status;
			}
		}
		return SUCCEEDED;
	}

}
