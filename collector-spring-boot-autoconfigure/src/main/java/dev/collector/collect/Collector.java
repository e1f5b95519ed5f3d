package dev.collector.collect;

import java.util.Set;
import java.util.stream.Stream;

import org.springframework.core.ResolvableType;

/**
 * The one interface a collector author implements: fetch the records a
 * {@link CollectionRequest} asks for from some source.
 * <p>
 * Declare a {@code Collector} bean and the starter provides scheduling, on-demand runs,
 * validation, de-duplicated storage, checkpoints, metrics and health around it. Declare
 * several and each is a named unit of its own (see {@link #name()} and
 * {@code docs/collectors.md}).
 *
 * @param <T> the record type; it declares its table, natural key, timestamp and symbol
 * with {@link dev.collector.schema.CollectedRecord @CollectedRecord} or a
 * {@link dev.collector.schema.RecordSchema} bean
 */
@FunctionalInterface
public interface Collector<T> {

	/**
	 * Fetch the records of the request's window and symbols. The stream is consumed
	 * lazily, batch by batch, and closed after the run, so a large window never sits in
	 * memory: open connections or files in the stream's pipeline and release them with
	 * {@link Stream#onClose(Runnable)}.
	 * <p>
	 * <strong>The window.</strong> Return the records of [{@link CollectionRequest#from()
	 * from}, {@link CollectionRequest#to() to}) where the source can tell. The framework
	 * does not filter: every record of the stream is validated and stored, and the
	 * checkpoint moves to {@code to} once a scheduled or manual run (not a dry run)
	 * succeeded or ended partial. So such a run may return records outside the window, as
	 * a source that offers only its latest items does (the sample's feeds): those already
	 * stored come back as duplicates. A backfill run ({@link Trigger#BACKFILL}) should
	 * keep to its window: the coverage ledger marks exactly that window covered, and the
	 * run's record count is reported for it.
	 * <p>
	 * <strong>{@link CollectionRequest#force() force}</strong> is set on the runs of a
	 * backfill asked with {@code force: true}, which collects again periods the ledger
	 * shows covered. It asks the collector to read the window from the source again, past
	 * anything it keeps itself to skip what it believes fetched (a cache, an ETag, a
	 * "since" marker of its own). Records the JDBC sink already stored come back as
	 * duplicates and are not written twice; the file sinks append them again.
	 * @param request what to collect
	 * @return the records, lazily
	 * @throws Exception when the source cannot be read; the run fails and its checkpoint
	 * does not move (the records read before are stored). When only a part of the source
	 * fails (a symbol, a feed, a page), report it with
	 * {@link CollectionRequest#failed(String, Throwable)} and go on instead
	 */
	Stream<T> collect(CollectionRequest request) throws Exception;

	/**
	 * Check that the source is reachable, for {@code POST /collect?validate_only=true}
	 * and the {@code collectorSource} health component. The default fetches the small
	 * window of {@code probe} (a dry run: nothing is written) and reads at most one
	 * record. Override it with something cheaper when the source has one (a ping, a HEAD
	 * request, a login).
	 * @param probe a dry-run request for the smallest window
	 * @throws Exception when the source cannot be reached; its message is reported
	 */
	default void check(CollectionRequest probe) throws Exception {
		try (Stream<T> records = collect(probe)) {
			records.findFirst();
		}
	}

	/**
	 * Whether the framework calls {@link #collect} once per symbol, each call one part of
	 * the run: a symbol whose call or stream fails is reported as a part failure (see
	 * {@link CollectionRequest#failed(String, Throwable)}) and the run goes on with the
	 * next symbol; the run fails only when every symbol failed. Each call's request holds
	 * one symbol. Off by default: {@code collect} is called once with all symbols.
	 * @return {@code true} to be called once per symbol
	 */
	default boolean collectsPerSymbol() {
		return false;
	}

	/**
	 * The keys this collector knows (tickers, feed ids, ...); an empty set means the
	 * collector has no notion of symbols.
	 * @return the known symbols
	 */
	default Set<String> symbols() {
		return Set.of();
	}

	/**
	 * The collector's name: its metrics label, its checkpoint and ledger key, its
	 * {@code /collectors/{name}} paths and its {@code collector.collectors.<name>.*}
	 * overrides, in an application with several collectors. An empty name, the default,
	 * means the bean name. In an application with a single collector the name is
	 * {@code collector.name}, else {@code spring.application.name}, as before several
	 * collectors were possible, and this method is not asked: the collector may need
	 * beans that need the name. Use letters, digits, {@code -} and {@code _} only: the
	 * name is a path segment.
	 * @return the name, or empty for the default
	 */
	default String name() {
		return "";
	}

	/**
	 * The record type, resolved from the generic signature of the implementation.
	 * Override it when the type cannot be resolved (a lambda, for instance).
	 * @return the record type
	 */
	@SuppressWarnings("unchecked")
	default Class<T> recordType() {
		Class<?> type = ResolvableType.forClass(Collector.class, getClass()).resolveGeneric(0);
		if (type == null) {
			throw new IllegalStateException("Cannot resolve the record type of " + getClass().getName()
					+ ": implement Collector<YourRecord> in a class, or override recordType()");
		}
		return (Class<T>) type;
	}

}
