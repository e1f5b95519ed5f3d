package dev.collector.backfill;

import org.springframework.context.ApplicationEvent;

/**
 * A backfill task ended (succeeded, failed or cancelled). Published once across the
 * cluster, by the replica that finished its last chunk.
 */
public class BackfillCompletedEvent extends ApplicationEvent {

	private final BackfillProgress progress;

	public BackfillCompletedEvent(BackfillProgress progress) {
		super(progress);
		this.progress = progress;
	}

	public BackfillProgress getProgress() {
		return this.progress;
	}

}
