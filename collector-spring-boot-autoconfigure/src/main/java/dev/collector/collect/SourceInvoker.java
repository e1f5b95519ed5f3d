package dev.collector.collect;

import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Calls the source, i.e. {@link Collector#collect}, for the pipeline. The resilience
 * auto-configuration provides one that adds a rate limit, a circuit breaker, retries and
 * a timeout; without it the source is called directly.
 * <p>
 * Only opening the stream is guarded: records are consumed lazily afterwards, and a
 * failure while consuming them fails the run (batches stored before stay stored, the
 * checkpoint stays, and the next run fetches the same window again).
 */
@FunctionalInterface
public interface SourceInvoker {

	/** Calls the source directly. */
	SourceInvoker DIRECT = Callable::call;

	/**
	 * Open the source's stream.
	 * @param source the call to the collector
	 * @return the stream the collector returned
	 * @throws Exception when the source fails (after any retries)
	 */
	Stream<?> open(Callable<? extends Stream<?>> source) throws Exception;

}
