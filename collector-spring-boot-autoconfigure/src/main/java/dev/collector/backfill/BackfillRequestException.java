package dev.collector.backfill;

/**
 * A backfill request that cannot be accepted; nothing was created. The message says why
 * and becomes the problem's detail.
 */
public class BackfillRequestException extends RuntimeException {

	public BackfillRequestException(String message) {
		super(message);
	}

}
