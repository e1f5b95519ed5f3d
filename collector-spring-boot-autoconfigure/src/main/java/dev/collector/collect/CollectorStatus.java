package dev.collector.collect;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What this instance knows about its collector's recent runs, for health and metrics.
 * Seeded from the run history at start-up, so a restart keeps the last successful run.
 */
public class CollectorStatus implements CollectionObserver {

	private static final Log logger = LogFactory.getLog(CollectorStatus.class);

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);

	private final AtomicReference<CollectionRequest> running = new AtomicReference<>();

	/**
	 * Read the latest runs from the history.
	 * @param history the run history
	 * @param collector the collector's name
	 */
	public void seed(RunHistory history, String collector) {
		try {
			List<CollectionResult> recent = history.recent(collector, 1);
			Optional<CollectionResult> success = history.lastSuccessful(collector);
			this.snapshot.updateAndGet((current) -> new Snapshot(
					(current.lastRun != null) ? current.lastRun : recent.stream().findFirst().orElse(null),
					(current.lastSuccess != null) ? current.lastSuccess : success.orElse(null),
					current.consecutiveFailures, current.failingParts));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the run history; health starts without past runs: " + ex.getMessage());
		}
	}

	@Override
	public void runStarted(CollectionRequest request) {
		this.running.set(request);
	}

	@Override
	public void runFinished(CollectionResult result) {
		this.running
			.updateAndGet((current) -> (current != null && current.runId().equals(result.runId())) ? null : current);
		if (result.request().dryRun()) {
			return;
		}
		// a partial run completed its window: it is a success for freshness and resets
		// the
		// failures, while its failed parts are shown
		this.snapshot.updateAndGet((current) -> result.completed()
				? new Snapshot(result, result, 0,
						new FailingParts(result.partFailureCount(),
								result.partFailures().stream().limit(FailingParts.SHOWN).toList()))
				: new Snapshot(result, current.lastSuccess, current.consecutiveFailures + 1, current.failingParts));
	}

	/**
	 * The state now.
	 * @return the snapshot
	 */
	public Snapshot snapshot() {
		return this.snapshot.get();
	}

	/**
	 * The run in progress on this instance.
	 * @return its request, if one runs
	 */
	public Optional<CollectionRequest> running() {
		return Optional.ofNullable(this.running.get());
	}

	/**
	 * Recent runs as seen by this instance.
	 *
	 * @param lastRun the latest finished run (not a dry run), or {@code null}
	 * @param lastSuccess the latest run that completed its window (succeeded or partial),
	 * or {@code null}
	 * @param consecutiveFailures failed runs since the last completed one
	 * @param failingParts the parts that failed in the latest completed run
	 */
	public record Snapshot(CollectionResult lastRun, CollectionResult lastSuccess, int consecutiveFailures,
			FailingParts failingParts) {

		static final Snapshot EMPTY = new Snapshot(null, null, 0, FailingParts.NONE);

		public Snapshot {
			failingParts = (failingParts != null) ? failingParts : FailingParts.NONE;
		}

		/**
		 * A snapshot without failing parts.
		 * @param lastRun the latest finished run, or {@code null}
		 * @param lastSuccess the latest completed run, or {@code null}
		 * @param consecutiveFailures failed runs since the last completed one
		 */
		public Snapshot(CollectionResult lastRun, CollectionResult lastSuccess, int consecutiveFailures) {
			this(lastRun, lastSuccess, consecutiveFailures, FailingParts.NONE);
		}

	}

	/**
	 * The parts that failed in the latest completed run.
	 *
	 * @param count how many failed
	 * @param shown the first {@value #SHOWN} of them
	 */
	public record FailingParts(int count, List<PartFailure> shown) {

		/** How many parts are kept for health and /status. */
		public static final int SHOWN = 20;

		static final FailingParts NONE = new FailingParts(0, List.of());

	}

}
