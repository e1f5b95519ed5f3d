package dev.collector.collect;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The collector whose run is in progress on the current thread, by name. The pipeline
 * marks the thread that opens and reads the source for the duration of each window it
 * collects, and the resilience's source attempts carry the mark to the thread they run on
 * (the writer thread of a pipelined sink is not marked: it only writes). What the
 * application shares between several collectors, the {@code collectorRestClient} and the
 * cache manager, reads it to use the resilience and the caches of the collector it works
 * for. The source check marks its thread as its collector's too. Outside a run (a test
 * calling the collector directly) there is none.
 */
public final class RunningCollector {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private RunningCollector() {
	}

	/**
	 * The collector whose run is in progress on this thread.
	 * @return its name, empty outside a run
	 */
	public static Optional<String> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/**
	 * Mark this thread as working for a collector until the scope closes, which restores
	 * the previous mark.
	 * @param name the collector's name, or {@code null} for none
	 * @return the scope to close
	 */
	public static Scope enter(String name) {
		String previous = CURRENT.get();
		set(name);
		return () -> set(previous);
	}

	/**
	 * A call that runs, on whichever thread, marked for the collector that is current
	 * here and now.
	 * @param <V> the call's result
	 * @param call the call
	 * @return the marked call
	 */
	public static <V> Callable<V> propagate(Callable<V> call) {
		String name = CURRENT.get();
		return () -> {
			try (Scope scope = enter(name)) {
				return call.call();
			}
		};
	}

	private static void set(String name) {
		if (name != null) {
			CURRENT.set(name);
		}
		else {
			CURRENT.remove();
		}
	}

	/**
	 * A mark that ends when closed.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
