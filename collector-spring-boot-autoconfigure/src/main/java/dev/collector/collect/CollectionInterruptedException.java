package dev.collector.collect;

/**
 * A collection stopped between two batches because its thread was interrupted (the
 * application is shutting down). The batches written so far stay stored; the checkpoint
 * does not move, so the next run fetches the window again.
 */
public class CollectionInterruptedException extends RuntimeException {

	public CollectionInterruptedException() {
		super("Collection interrupted (shutdown); the checkpoint was not advanced");
	}

}
