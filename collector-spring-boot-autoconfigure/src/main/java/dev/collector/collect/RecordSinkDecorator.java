package dev.collector.collect;

/**
 * Wraps the {@link RecordSink} used by the pipeline, e.g. to retry transient database
 * failures. Beans of this type are applied in their order, the first one innermost.
 */
@FunctionalInterface
public interface RecordSinkDecorator {

	/**
	 * Wrap a sink.
	 * @param <T> the record type
	 * @param sink the sink to wrap
	 * @return the wrapping sink
	 */
	<T> RecordSink<T> decorate(RecordSink<T> sink);

}
