package dev.collector.collect;

import java.util.List;

/**
 * Where valid records go. The default writes to the record's table with an idempotent
 * upsert; declare a bean of this type to write anywhere else (files, a broker, ...).
 * <p>
 * Contract: {@link #write(List)} stores a whole batch or throws, leaving nothing of it
 * half-written; it reports how many records were new and how many were already stored,
 * and hands back the records the store refused for their content. A run that failed is
 * fetched and written again, so a sink should be idempotent: a record whose natural key
 * is stored already (or comes twice in one batch) is reported as a duplicate and not
 * stored twice. The JDBC sink is; a sink that cannot tell, such as the JSON-lines and CSV
 * file sinks, appends the records again and reports them as inserted, and its readers
 * de-duplicate by the natural key. {@code AbstractRecordSinkContractTests} in
 * {@code collector-spring-boot-test} checks an idempotent sink against this contract.
 * <p>
 * Threads: a run calls {@code write} from a writer thread of its own (while it reads and
 * validates the next batch), one batch at a time and in order, with the run's MDC; from
 * the collection's own thread when {@code collector.sink.pipelined} is off or a Spring
 * transaction is active there.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RecordSink<T> {

	/**
	 * Write one batch, committing it before returning.
	 * @param batch the records, in fetch order; never empty
	 * @return what happened to each record
	 * @throws Exception when the batch could not be stored; nothing of it is then assumed
	 * stored and the run's checkpoint does not move
	 */
	WriteResult<T> write(List<T> batch) throws Exception;

}
