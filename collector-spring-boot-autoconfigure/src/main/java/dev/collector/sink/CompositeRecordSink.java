package dev.collector.sink;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;

import dev.collector.collect.RecordSink;
import dev.collector.collect.WriteResult;

/**
 * Writes every batch to several sinks, in order (fan-out). The first sink's result is the
 * batch's result (it is the one that can tell inserted from duplicate records); records
 * it rejects are not passed to the others, so every sink holds the same valid records.
 * When any sink throws, the write throws: the run fails and its checkpoint does not move,
 * and the sinks that did commit see the batch again on the next run, which their
 * idempotence absorbs.
 *
 * @param <T> the record type
 */
public class CompositeRecordSink<T> implements RecordSink<T>, AutoCloseable {

	private final List<RecordSink<T>> sinks;

	public CompositeRecordSink(List<RecordSink<T>> sinks) {
		if (sinks.isEmpty()) {
			throw new IllegalArgumentException("A composite sink needs at least one sink");
		}
		this.sinks = List.copyOf(sinks);
	}

	@Override
	public WriteResult<T> write(List<T> batch) throws Exception {
		WriteResult<T> first = this.sinks.get(0).write(batch);
		List<T> accepted = accepted(batch, first);
		if (!accepted.isEmpty()) {
			for (RecordSink<T> sink : this.sinks.subList(1, this.sinks.size())) {
				sink.write(accepted);
			}
		}
		return first;
	}

	/**
	 * @return the sinks, in write order
	 */
	public List<RecordSink<T>> sinks() {
		return this.sinks;
	}

	/**
	 * Close the file sinks; the other sinks are beans with their own life cycle.
	 */
	@Override
	public void close() throws Exception {
		Exception failure = null;
		for (RecordSink<T> sink : this.sinks) {
			if (sink instanceof RotatingFileRecordSink<T> closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					failure = ex;
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static <T> List<T> accepted(List<T> batch, WriteResult<T> result) {
		if (result.rejected().isEmpty()) {
			return batch;
		}
		Set<T> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
		result.rejected().forEach((rejection) -> rejected.add(rejection.record()));
		List<T> accepted = new ArrayList<>(batch.size());
		for (T record : batch) {
			if (!rejected.contains(record)) {
				accepted.add(record);
			}
		}
		return accepted;
	}

}
