package dev.collector.collect;

/**
 * The collector's source failed: {@link Collector#collect} threw, or its stream did while
 * being read.
 */
public class SourceException extends RuntimeException {

	public SourceException(Throwable cause) {
		super("Source failed: " + cause.getMessage(), cause);
	}

}
