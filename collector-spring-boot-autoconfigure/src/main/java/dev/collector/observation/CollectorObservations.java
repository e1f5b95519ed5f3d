package dev.collector.observation;

import java.time.Instant;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Creates the collector's observations from a registry and the conventions a user may
 * have replaced. {@link #NOOP} (the runtime classes' default, when no
 * {@link ObservationRegistry} bean exists) creates no-op observations only.
 */
public final class CollectorObservations {

	/** Observes nothing. */
	public static final CollectorObservations NOOP = new CollectorObservations(ObservationRegistry.NOOP);

	private static final CollectionRunObservationConvention DEFAULT_RUN = new DefaultCollectionRunObservationConvention();

	private static final SourceObservationConvention DEFAULT_SOURCE = new DefaultSourceObservationConvention();

	private static final SinkWriteObservationConvention DEFAULT_SINK_WRITE = new DefaultSinkWriteObservationConvention();

	private static final BackfillChunkObservationConvention DEFAULT_BACKFILL_CHUNK = new DefaultBackfillChunkObservationConvention();

	private final ObservationRegistry registry;

	private final CollectionRunObservationConvention run;

	private final SourceObservationConvention source;

	private final SinkWriteObservationConvention sinkWrite;

	private final BackfillChunkObservationConvention backfillChunk;

	/**
	 * Observe into a registry with the default conventions.
	 * @param registry the registry
	 */
	public CollectorObservations(ObservationRegistry registry) {
		this(registry, null, null, null, null);
	}

	/**
	 * Observe into a registry with conventions of the user's; {@code null} for a default.
	 * @param registry the registry
	 * @param run the convention of {@code collector.run}
	 * @param source the convention of {@code collector.source}
	 * @param sinkWrite the convention of {@code collector.sink.write}
	 * @param backfillChunk the convention of {@code collector.backfill.chunk}
	 */
	public CollectorObservations(ObservationRegistry registry, CollectionRunObservationConvention run,
			SourceObservationConvention source, SinkWriteObservationConvention sinkWrite,
			BackfillChunkObservationConvention backfillChunk) {
		this.registry = (registry != null) ? registry : ObservationRegistry.NOOP;
		this.run = run;
		this.source = source;
		this.sinkWrite = sinkWrite;
		this.backfillChunk = backfillChunk;
	}

	/**
	 * The registry observed into.
	 * @return the registry
	 */
	public ObservationRegistry registry() {
		return this.registry;
	}

	/**
	 * A {@code collector.run} observation, not started; its parent is the observation in
	 * scope (a backfill chunk's), if any.
	 * @param context the run's context
	 * @return the observation
	 */
	public Observation run(CollectionRunContext context) {
		return CollectorObservationDocumentation.RUN.observation(this.run, DEFAULT_RUN, () -> context, this.registry);
	}

	/**
	 * A {@code collector.source} observation, not started.
	 * @param collector the collector's name
	 * @param runId the run's id
	 * @param from the window's start
	 * @param to the window's end
	 * @param symbols the symbols asked for, empty for all
	 * @return the observation
	 */
	public Observation source(String collector, String runId, Instant from, Instant to, Set<String> symbols) {
		return CollectorObservationDocumentation.SOURCE.observation(this.source, DEFAULT_SOURCE,
				() -> new SourceContext(collector, runId, from, to, symbols), this.registry);
	}

	/**
	 * A {@code collector.sink.write} observation, not started, whose parent is given: the
	 * batch may be written on another thread than the run's.
	 * @param context the batch's context
	 * @param parent the run's observation, or {@code null}
	 * @return the observation
	 */
	public Observation sinkWrite(SinkWriteContext context, Observation parent) {
		Observation observation = CollectorObservationDocumentation.SINK_WRITE.observation(this.sinkWrite,
				DEFAULT_SINK_WRITE, () -> context, this.registry);
		if (parent != null && !parent.isNoop()) {
			observation.parentObservation(parent);
		}
		return observation;
	}

	/**
	 * A {@code collector.backfill.chunk} observation, not started.
	 * @param context the chunk's context
	 * @return the observation
	 */
	public Observation backfillChunk(BackfillChunkContext context) {
		return CollectorObservationDocumentation.BACKFILL_CHUNK.observation(this.backfillChunk, DEFAULT_BACKFILL_CHUNK,
				() -> context, this.registry);
	}

	/**
	 * The observation in scope on this thread.
	 * @return the observation, or {@code null}
	 */
	public Observation current() {
		return this.registry.getCurrentObservation();
	}

}
