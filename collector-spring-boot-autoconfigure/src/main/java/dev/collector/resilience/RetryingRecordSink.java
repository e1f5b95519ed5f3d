package dev.collector.resilience;

import java.util.List;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;

import dev.collector.collect.RecordSink;
import dev.collector.collect.WriteResult;

/**
 * Writes a batch again when the database failed transiently (connection lost, deadlock,
 * serialization failure). Safe because a sink's write is idempotent: a batch that was in
 * fact committed before the failure is reported as duplicates the second time. The
 * checkpoint does not move until the run succeeded, so giving up loses nothing either.
 *
 * @param <T> the record type
 */
public class RetryingRecordSink<T> implements RecordSink<T> {

	private final RecordSink<T> delegate;

	private final Supplier<Retry> retry;

	public RetryingRecordSink(RecordSink<T> delegate, Supplier<Retry> retry) {
		this.delegate = delegate;
		this.retry = retry;
	}

	@Override
	public WriteResult<T> write(List<T> batch) throws Exception {
		return this.retry.get().executeCallable(() -> this.delegate.write(batch));
	}

}
