package dev.collector.test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;

import dev.collector.collect.CollectionResult;

/**
 * Measures a collection: records per second and bytes allocated, for a regression guard
 * in an author's own benchmark (never in a timed unit test: numbers vary with the
 * machine). <pre class="code">
 * source.generate(100_000);   // e.g. a collector that yields N generated records
 * CollectorPerformance.Report report = CollectorPerformance.measure(tester::collect);
 * System.out.println(report);
 * </pre> Allocation is counted on the calling thread with
 * {@code com.sun.management.ThreadMXBean}; {@link CollectorTester} runs collections on
 * that thread, so it covers the whole run.
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
		long allocatedBefore = threads.getThreadAllocatedBytes(thread);
		long started = System.nanoTime();
		CollectionResult result = collection.get();
		long elapsed = System.nanoTime() - started;
		long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
		if (!result.succeeded()) {
			throw new AssertionError("The measured collection failed: " + result.error());
		}
		return new Report(result.counts().collected(), Duration.ofNanos(elapsed), allocated);
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
	 * One measurement.
	 *
	 * @param records the records collected
	 * @param elapsed how long the collection took
	 * @param allocatedBytes bytes allocated on the measuring thread
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
