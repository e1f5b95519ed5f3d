package dev.collector.backfill;

/**
 * No backfill task has the id asked for.
 */
public class BackfillTaskNotFoundException extends RuntimeException {

	public BackfillTaskNotFoundException(String taskId) {
		super("No backfill task with id '" + taskId + "'");
	}

}
