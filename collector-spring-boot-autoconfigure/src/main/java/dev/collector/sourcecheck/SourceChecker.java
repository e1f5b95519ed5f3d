package dev.collector.sourcecheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.collect.RunningCollector;
import dev.collector.collect.Trigger;

/**
 * Runs {@link Collector#check(CollectionRequest)} with a time limit, on its own thread so
 * a hanging source cannot hold an HTTP or health thread, and keeps the latest result so
 * health checks call the source at most once per interval.
 */
public class SourceChecker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SourceChecker.class);

	private final String collectorName;

	private final Collector<?> collector;

	private final Clock clock;

	private final Duration interval;

	private final Duration timeout;

	private final Duration window;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "collector-source-check");
		thread.setDaemon(true);
		return thread;
	});

	private volatile SourceCheckResult latest;

	public SourceChecker(Collector<?> collector, Clock clock, Duration interval, Duration timeout, Duration window) {
		this(null, collector, clock, interval, timeout, window);
	}

	/**
	 * Create the checker of a named collector: its checks run marked as that collector's
	 * ({@link RunningCollector}), so that with several collectors the application's
	 * {@code collectorRestClient} and caches serve them as they serve its runs.
	 * @param collectorName the collector's name, {@code null} for no mark
	 * @param collector the collector
	 * @param clock the clock
	 * @param interval how long a result is fresh
	 * @param timeout how long a check may take
	 * @param window the probe's window
	 */
	public SourceChecker(String collectorName, Collector<?> collector, Clock clock, Duration interval, Duration timeout,
			Duration window) {
		this.collectorName = collectorName;
		this.collector = collector;
		this.clock = clock;
		this.interval = interval;
		this.timeout = timeout;
		this.window = window;
	}

	/**
	 * Check the source now.
	 * @return the result, also kept as the latest
	 */
	public SourceCheckResult checkNow() {
		Instant now = this.clock.instant();
		CollectionRequest probe = new CollectionRequest("check-" + UUID.randomUUID(), Trigger.MANUAL,
				now.minus(this.window), now, null, false, true);
		long started = System.nanoTime();
		Future<?> check = this.executor.submit(() -> {
			try (RunningCollector.Scope running = RunningCollector.enter(this.collectorName)) {
				this.collector.check(probe);
			}
			return null;
		});
		String error = null;
		try {
			check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			check.cancel(true);
			error = "No answer within " + this.timeout.toMillis() + " ms (collector.source-check.timeout)";
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			check.cancel(true);
			error = "Interrupted";
		}
		SourceCheckResult result = new SourceCheckResult(error == null, Duration.ofNanos(System.nanoTime() - started),
				now, error);
		if (error != null) {
			logger.warn("Source check failed: {}", error);
		}
		this.latest = result;
		return result;
	}

	/**
	 * The latest result when it is younger than the interval, else a new check; several
	 * callers at once share one check.
	 * @return the result
	 */
	public SourceCheckResult cached() {
		SourceCheckResult last = this.latest;
		if (last != null && isFresh(last)) {
			return last;
		}
		synchronized (this) {
			last = this.latest;
			return (last != null && isFresh(last)) ? last : checkNow();
		}
	}

	private boolean isFresh(SourceCheckResult result) {
		return result.checkedAt().plus(this.interval).isAfter(this.clock.instant());
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
