package dev.collector.observation;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Observes runs, source calls, sink writes and backfill chunks
 * ({@link CollectorObservationDocumentation}) when the context has an
 * {@link ObservationRegistry}: hands every {@link CollectorObservationsAware} bean the
 * registry and the {@code ObservationConvention} beans that replace the defaults
 * ({@link CollectionRunObservationConvention}, {@link SourceObservationConvention},
 * {@link SinkWriteObservationConvention}, {@link BackfillChunkObservationConvention}).
 * Without a registry nothing is observed.
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public class CollectorObservationAutoConfiguration {

	@Bean
	static BeanPostProcessor collectorObservationsPostProcessor(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<CollectionRunObservationConvention> run, ObjectProvider<SourceObservationConvention> source,
			ObjectProvider<SinkWriteObservationConvention> sinkWrite,
			ObjectProvider<BackfillChunkObservationConvention> backfillChunk) {
		return new BeanPostProcessor() {

			private CollectorObservations observations;

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof CollectorObservationsAware aware) {
					CollectorObservations observations = observations();
					if (observations != null) {
						aware.setObservations(observations);
					}
				}
				return bean;
			}

			// looked up at the first collector bean: the registry is not created early
			private CollectorObservations observations() {
				if (this.observations == null) {
					ObservationRegistry theRegistry = registry.getIfUnique();
					if (theRegistry == null) {
						return null;
					}
					this.observations = new CollectorObservations(theRegistry, run.getIfUnique(), source.getIfUnique(),
							sinkWrite.getIfUnique(), backfillChunk.getIfUnique());
				}
				return this.observations;
			}

		};
	}

}
