package dev.collector.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.context.ApplicationEventPublisher;

import dev.collector.observation.CollectionRunContext;
import dev.collector.observation.CollectorObservations;
import dev.collector.observation.CollectorObservationsAware;

/**
 * Runs collections one at a time (single flight): resolves the window from the
 * checkpoint, runs the {@link CollectionPipeline}, moves the checkpoint after the sink
 * committed, records the run and tells observers and event listeners. Each run is a
 * {@code collector.run} observation (see
 * {@link dev.collector.observation.CollectorObservationDocumentation}).
 */
public class CollectionRunner implements CollectionLauncher, CollectorObservationsAware {

	private static final Log logger = LogFactory.getLog(CollectionRunner.class);

	/** MDC key of the run id on every log line of a run. */
	public static final String MDC_RUN_ID = "run_id";

	private final String collectorName;

	private final String instanceId;

	private final CollectionPipeline<?> pipeline;

	private final CheckpointStore checkpoints;

	private final RunHistory history;

	private final CollectionObserver observer;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Executor executor;

	private final Duration firstWindow;

	private final AtomicReference<String> runningRunId = new AtomicReference<>();

	private volatile PartRetries partRetries = PartRetries.NONE;

	private volatile RunPermits runPermits = RunPermits.UNBOUNDED;

	private CollectorObservations observations = CollectorObservations.NOOP;

	public CollectionRunner(String collectorName, String instanceId, CollectionPipeline<?> pipeline,
			CheckpointStore checkpoints, RunHistory history, CollectionObserver observer,
			ApplicationEventPublisher events, Clock clock, Executor executor, Duration firstWindow) {
		this.collectorName = collectorName;
		this.instanceId = instanceId;
		this.pipeline = pipeline;
		this.checkpoints = checkpoints;
		this.history = history;
		this.observer = observer;
		this.events = events;
		this.clock = clock;
		this.executor = executor;
		this.firstWindow = firstWindow;
	}

	/**
	 * Set where live runs find the failed parts to retry after their own window.
	 * @param partRetries the retries, {@link PartRetries#NONE} for none
	 */
	public void setPartRetries(PartRetries partRetries) {
		this.partRetries = (partRetries != null) ? partRetries : PartRetries.NONE;
	}

	/**
	 * Set the JVM's run permits that scheduled and manual runs started here wait for;
	 * explicit requests ({@link #run(CollectionRequest)}) take none.
	 * @param runPermits the permits, {@link RunPermits#UNBOUNDED} for no bound
	 */
	public void setRunPermits(RunPermits runPermits) {
		this.runPermits = (runPermits != null) ? runPermits : RunPermits.UNBOUNDED;
	}

	@Override
	public void setObservations(CollectorObservations observations) {
		this.observations = (observations != null) ? observations : CollectorObservations.NOOP;
	}

	/**
	 * Start a collection from the checkpoint to now on the collector's executor.
	 * @param trigger what starts it
	 * @param dryRun whether to fetch and validate only
	 * @return the run id and the future result
	 * @throws CollectionInProgressException when a collection is running
	 */
	@Override
	public Submission submit(Trigger trigger, boolean dryRun) {
		String runId = CollectionRequest.newRunId();
		acquire(runId);
		CompletableFuture<CollectionResult> future = new CompletableFuture<>();
		try {
			this.executor.execute(() -> {
				CollectionResult result;
				try {
					result = this.runPermits.call(() -> execute(runId, trigger, dryRun));
				}
				catch (Throwable ex) {
					release(runId);
					future.completeExceptionally(ex);
					return;
				}
				// free the collector before answering, so a caller may start the next run
				// at once
				release(runId);
				future.complete(result);
			});
		}
		catch (RejectedExecutionException ex) {
			release(runId);
			throw ex;
		}
		return new Submission(runId, trigger, future);
	}

	/**
	 * Run a collection from the checkpoint to now on the calling thread, unless one is
	 * running already.
	 * @param trigger what starts it
	 * @return the result
	 * @throws CollectionInProgressException when a collection is running
	 */
	public CollectionResult run(Trigger trigger) {
		String runId = CollectionRequest.newRunId();
		acquire(runId);
		try {
			return this.runPermits.call(() -> execute(runId, trigger, false));
		}
		finally {
			release(runId);
		}
	}

	/**
	 * Run an explicit request (a backfill chunk, a test) on the calling thread. The
	 * checkpoint moves only for scheduled and manual requests that are not dry runs.
	 * @param request the request
	 * @return the result
	 * @throws CollectionInProgressException when a collection is running
	 */
	public CollectionResult run(CollectionRequest request) {
		acquire(request.runId());
		try {
			return execute(request.runId(), request.trigger(), request.dryRun(), request);
		}
		finally {
			release(request.runId());
		}
	}

	/**
	 * The id of the run in progress on this instance.
	 * @return the run id, or {@code null}
	 */
	public String runningRunId() {
		return this.runningRunId.get();
	}

	/**
	 * The window the next scheduled or manual run collects: from the checkpoint to now.
	 * The very first run (no checkpoint yet) starts one first window back and stores that
	 * start as the checkpoint before it collects (unless a dry run), so that the
	 * collector's origin is fixed once: a failed first run is fetched again by the next.
	 * @param runId the run's id
	 * @param trigger what starts it
	 * @param dryRun whether it writes nothing
	 * @return the request
	 */
	public CollectionRequest nextRequest(String runId, Trigger trigger, boolean dryRun) {
		// microseconds: what every supported database stores, so checkpoints round-trip
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Optional<Instant> checkpoint;
		try {
			checkpoint = this.checkpoints.get(this.collectorName);
			this.observer.databaseQueried(null);
		}
		catch (RuntimeException ex) {
			this.observer.databaseQueried(ex);
			throw ex;
		}
		Instant from;
		if (checkpoint.isPresent()) {
			from = checkpoint.get().isAfter(now) ? now : checkpoint.get();
		}
		else {
			from = now.minus(this.firstWindow);
			if (!dryRun) {
				// the collector's origin, written before anything is collected: a first
				// run that fails leaves it, so the next run fetches the same window again
				// instead of starting one first window before its own start
				this.checkpoints.advance(this.collectorName, from, runId);
			}
		}
		return new CollectionRequest(runId, trigger, from, now, Set.of(), false, dryRun);
	}

	private void acquire(String runId) {
		if (!this.runningRunId.compareAndSet(null, runId)) {
			throw new CollectionInProgressException(this.runningRunId.get());
		}
	}

	private void release(String runId) {
		this.runningRunId.compareAndSet(runId, null);
	}

	private CollectionResult execute(String runId, Trigger trigger, boolean dryRun) {
		return execute(runId, trigger, dryRun, null);
	}

	private CollectionResult execute(String runId, Trigger trigger, boolean dryRun, CollectionRequest given) {
		String previousRunId = MDC.get(MDC_RUN_ID);
		MDC.put(MDC_RUN_ID, runId);
		CollectionRunContext observed = new CollectionRunContext(this.collectorName, trigger.label(), runId, dryRun);
		Observation observation = this.observations.run(observed).start();
		try (Observation.Scope scope = observation.openScope()) {
			return execute(runId, trigger, dryRun, given, observation, observed);
		}
		finally {
			observation.stop();
			restoreMdc(previousRunId);
		}
	}

	private CollectionResult execute(String runId, Trigger trigger, boolean dryRun, CollectionRequest given,
			Observation observation, CollectionRunContext observed) {
		Instant startedAt = this.clock.instant();
		CollectionRequest request = new CollectionRequest(runId, trigger, startedAt, startedAt, Set.of(), false,
				dryRun);
		this.observer.runStarted(request);
		CollectionResult result;
		Throwable failure = null;
		RunCounts counts = new RunCounts();
		List<CollectionRequest> retries = new ArrayList<>();
		try {
			request = (given != null) ? given : nextRequest(runId, trigger, dryRun);
			observed.setWindow(request.from(), request.to());
			logger.info("Collection started: trigger=" + trigger.label() + " window=[" + request.from() + ", "
					+ request.to() + ")" + (dryRun ? " dry_run" : ""));
			if (!dryRun) {
				this.history.started(this.collectorName, this.instanceId, request, startedAt);
			}
			this.pipeline.execute(request, counts);
			String wholeFailure = RunOutcome.wholeFailure(request, counts.snapshot(), this.pipeline.symbols());
			if (wholeFailure != null) {
				throw new SourceException(new IllegalStateException(wholeFailure));
			}
			// scheduled and manual runs, whichever path computed their window (this
			// runner, or the cluster's collection task through nextRequest)
			boolean live = trigger != Trigger.BACKFILL;
			if (live && !dryRun) {
				retryFailedParts(request, counts, retries);
			}
			RecordCounts total = counts.snapshot();
			CollectionResult.Status status = request.failures().isEmpty() ? CollectionResult.Status.SUCCEEDED
					: CollectionResult.Status.PARTIAL;
			if (!dryRun && trigger != Trigger.BACKFILL) {
				// a partial run moves it too: the failed parts are in the ledger, retried
				this.checkpoints.advance(this.collectorName, request.to(), runId);
			}
			result = new CollectionResult(request, status, startedAt, this.clock.instant(), total,
					RunOutcome.summary(request.failures()), request.failures().list(), request.failures().count(),
					retries);
			logger.info("Collection " + status.name().toLowerCase(java.util.Locale.ROOT) + ": collected="
					+ total.collected() + " inserted=" + total.inserted() + " duplicate=" + total.duplicates()
					+ " invalid=" + total.invalid()
					+ ((result.partFailureCount() > 0) ? " parts_failed=" + result.partFailureCount() : "")
					+ " duration=" + result.duration().toMillis() + "ms"
					+ ((result.error() != null) ? ": " + result.error() : ""));
		}
		catch (Throwable ex) {
			failure = ex;
			result = new CollectionResult(request, CollectionResult.Status.FAILED, startedAt, this.clock.instant(),
					counts.snapshot(), describe(ex), request.failures().list(), request.failures().count(), retries);
			logger.error("Collection failed: " + result.error(), ex);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
		observed.setOutcome(result.statusLabel());
		if (failure != null) {
			observation.error(failure);
		}
		finish(result, failure);
		return result;
	}

	/**
	 * Collect again the windows of failed parts whose retry is due. A retry whose source
	 * fails as a whole leaves its parts failed (retried later); the run goes on.
	 */
	private void retryFailedParts(CollectionRequest live, RunCounts counts, List<CollectionRequest> retries)
			throws Exception {
		List<CollectionRequest> due;
		try {
			due = this.partRetries.retries(live);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the failed parts to retry: " + ex.getMessage());
			return;
		}
		for (CollectionRequest retry : due) {
			retries.add(retry);
			logger.info("Retrying failed part(s) " + (retry.symbols().isEmpty() ? "(all)" : retry.symbols()) + " over ["
					+ retry.from() + ", " + retry.to() + ")");
			try {
				this.pipeline.execute(retry, counts);
			}
			catch (SourceException ex) {
				for (String part : retry.symbols().isEmpty() ? List.of(RunOutcome.ALL_PARTS)
						: retry.symbols().stream().sorted().toList()) {
					retry.failed(part, ex);
				}
			}
		}
	}

	private void finish(CollectionResult result, Throwable failure) {
		if (!result.request().dryRun()) {
			// A run stopped by an interruption (a shutdown) still records its end: a
			// connection
			// pool refuses to wait for a connection on an interrupted thread, which would
			// leave
			// the run "running" in the history for ever. The interruption is restored
			// after.
			boolean interrupted = Thread.interrupted();
			try {
				this.history.finished(this.collectorName, result);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not record the end of run " + result.runId() + " in the run history: "
						+ ex.getMessage());
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
		this.observer.runFinished(result);
		try {
			this.events.publishEvent(result.completed() ? new CollectionCompletedEvent(result)
					: new CollectionFailedEvent(result, failure));
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of the collection event failed: " + ex.getMessage(), ex);
		}
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static void restoreMdc(String previousRunId) {
		if (previousRunId != null) {
			MDC.put(MDC_RUN_ID, previousRunId);
		}
		else {
			MDC.remove(MDC_RUN_ID);
		}
	}

}
