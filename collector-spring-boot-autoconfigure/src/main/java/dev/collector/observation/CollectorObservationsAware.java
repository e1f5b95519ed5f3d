package dev.collector.observation;

/**
 * A runtime class of the collector that observes its work. The observation
 * auto-configuration hands it the {@link CollectorObservations} built from the context's
 * {@code ObservationRegistry}; until then it observes nothing
 * ({@link CollectorObservations#NOOP}).
 */
public interface CollectorObservationsAware {

	/**
	 * Set where the observations go.
	 * @param observations the observations, {@link CollectorObservations#NOOP} for none
	 */
	void setObservations(CollectorObservations observations);

}
