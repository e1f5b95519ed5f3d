package dev.collector.test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.collector.collect.CollectionResult;

/**
 * Measures a collection: records per second and bytes allocated, for a regression guard
 * in an author's own benchmark (never in a timed unit test: numbers vary with the
 * machine). <pre class="code">
 * source.generate(100_000);   // e.g. a collector that yields N generated records
 * CollectorPerformance.Report report = CollectorPerformance.measure(tester::collect);
 * System.out.println(report);
 * </pre> Allocation is counted with {@code com.sun.management.ThreadMXBean} on two kinds
 * of thread: the calling thread, which {@link CollectorTester} runs collections on (it
 * reads, processes and validates the records), and the run's writer thread
 * ({@code collector-<name>-writer}), which writes the batches since writes are pipelined.
 * The writer thread ends with the run, so its count is sampled while it lives (every
 * millisecond) and misses what it allocates after the last sample: at most the end of its
 * last batch. For an exact figure, measure with {@code collector.sink.pipelined=false}:
 * every batch is then written on the calling thread, and the writer's count is zero.
 */
public final class CollectorPerformance {

	private CollectorPerformance() {
	}

	/**
	 * Run a collection and measure it.
	 * @param collection the collection to run, e.g. {@code tester::collect}
	 * @return the measurement
	 * @throws AssertionError when the collection failed: a failed run measures nothing
	 */
	public static Report measure(Supplier<CollectionResult> collection) {
		com.sun.management.ThreadMXBean threads = threads();
		long thread = Thread.currentThread().getId();
		WriterThreads writers = new WriterThreads(threads);
		long allocatedBefore = threads.getThreadAllocatedBytes(thread);
		long started = System.nanoTime();
		CollectionResult result;
		try {
			result = collection.get();
		}
		finally {
			writers.stop();
		}
		long elapsed = System.nanoTime() - started;
		long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
		if (!result.succeeded()) {
			throw new AssertionError("The measured collection failed: " + result.error());
		}
		return new Report(result.counts().collected(), Duration.ofNanos(elapsed), allocated + writers.allocated());
	}

	private static com.sun.management.ThreadMXBean threads() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
				&& threads.isThreadAllocatedMemorySupported()) {
			threads.setThreadAllocatedMemoryEnabled(true);
			return threads;
		}
		throw new IllegalStateException("This JVM does not measure allocation per thread");
	}

	/**
	 * Samples what the collector's writer threads ({@code collector-*-writer}) have
	 * allocated, while they live: the highest count seen of each.
	 */
	private static final class WriterThreads {

		private final com.sun.management.ThreadMXBean threads;

		private final Map<Long, Long> allocated = new ConcurrentHashMap<>();

		private final Set<Long> existing;

		private final Thread sampler;

		private volatile boolean running = true;

		WriterThreads(com.sun.management.ThreadMXBean threads) {
			this.threads = threads;
			// a writer thread of an earlier run still ending is not this run's
			this.existing = writerThreads().stream().map(Thread::getId).collect(Collectors.toSet());
			this.sampler = new Thread(this::sample, "collector-performance-sampler");
			this.sampler.setDaemon(true);
			this.sampler.start();
		}

		private void sample() {
			while (this.running) {
				sampleOnce();
				LockSupport.parkNanos(1_000_000);
			}
		}

		private void sampleOnce() {
			for (Thread writer : writerThreads()) {
				long id = writer.getId();
				long bytes = this.threads.getThreadAllocatedBytes(id);
				if (bytes > 0 && !this.existing.contains(id)) {
					this.allocated.merge(id, bytes, Math::max);
				}
			}
		}

		private static List<Thread> writerThreads() {
			return Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("collector-") && thread.getName().endsWith("-writer"))
				.toList();
		}

		void stop() {
			this.running = false;
			try {
				this.sampler.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			sampleOnce();
		}

		long allocated() {
			return this.allocated.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	/**
	 * One measurement.
	 *
	 * @param records the records collected
	 * @param elapsed how long the collection took
	 * @param allocatedBytes bytes allocated by the calling thread and the run's writer
	 * thread
	 */
	public record Report(long records, Duration elapsed, long allocatedBytes) {

		public double recordsPerSecond() {
			double seconds = this.elapsed.toNanos() / 1e9;
			return (seconds > 0) ? this.records / seconds : Double.POSITIVE_INFINITY;
		}

		public double bytesPerRecord() {
			return (this.records > 0) ? (double) this.allocatedBytes / this.records : 0;
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "%d records in %d ms: %.0f records/s, %.0f bytes/record",
					this.records, this.elapsed.toMillis(), recordsPerSecond(), bytesPerRecord());
		}

	}

}
