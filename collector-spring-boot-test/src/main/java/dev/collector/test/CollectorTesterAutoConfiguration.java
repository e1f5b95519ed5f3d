package dev.collector.test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.BackfillService;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.collectors.CollectorsAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.schema.RecordSchema;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.MutableClock;

/**
 * A {@link CollectorTester} over the application's runner and clock, in tests that use
 * {@link CollectorTest} or {@link AutoConfigureCollectorTester}. With several collectors
 * (a full application test), the tester drives the default collector when there is one,
 * and {@link CollectorTester#collector(String)} gives the tester of each; its
 * {@link CollectorTester#reset()} resets every collector.
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorsAutoConfiguration.class })
public class CollectorTesterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CollectionRunner.class)
	CollectorTester collectorTester(CollectionRunner runner, Clock clock, ObjectProvider<BackfillService> backfill,
			ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<RecordSchema<?>> schemas,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<CollectorIdentity> identity, BeanFactory beanFactory) {
		List<Runnable> others = new ArrayList<>();
		Runnable breaker = CollectorStateReset.circuitBreakerReset(beanFactory);
		if (breaker != null) {
			others.add(breaker);
		}
		ObjectProvider<FakeUpstream> upstreams = beanFactory.getBeanProvider(FakeUpstream.class);
		others.add(() -> upstreams.forEach(FakeUpstream::reset));
		CollectorStateReset reset = new CollectorStateReset(jdbc.getIfAvailable(), schemas.orderedStream().toList(),
				(clock instanceof MutableClock mutable) ? mutable : null, meters.getIfUnique(), others);
		CollectorIdentity named = identity.getIfAvailable();
		return new CollectorTester((named != null) ? named.name() : null, runner, clock, backfill::getIfAvailable,
				reset::reset, null);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector(Cardinality.SEVERAL)
	static class SeveralCollectorsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(CollectorRegistry.class)
		CollectorTester collectorTester(CollectorRegistry registry, Clock clock, ObjectProvider<JdbcTemplate> jdbc,
				ObjectProvider<MeterRegistry> meters, BeanFactory beanFactory) {
			List<RecordSchema<?>> schemas = new ArrayList<>();
			List<Runnable> others = new ArrayList<>();
			for (CollectorUnit unit : registry.units()) {
				unit.context().getBeansOfType(RecordSchema.class).values().forEach(schemas::add);
				Runnable breaker = CollectorStateReset.circuitBreakerReset(unit.context());
				if (breaker != null) {
					others.add(breaker);
				}
			}
			ObjectProvider<FakeUpstream> upstreams = beanFactory.getBeanProvider(FakeUpstream.class);
			others.add(() -> upstreams.forEach(FakeUpstream::reset));
			Runnable reset = new CollectorStateReset(jdbc.getIfAvailable(), schemas,
					(clock instanceof MutableClock mutable) ? mutable : null, meters.getIfUnique(), others)::reset;
			Map<String, CollectorTester> testers = new LinkedHashMap<>();
			Function<String, CollectorTester> byName = (name) -> {
				CollectorTester tester = testers.get(name);
				if (tester == null) {
					throw new IllegalArgumentException(
							"No collector named '" + name + "'; the collectors are " + registry.names());
				}
				return tester;
			};
			for (CollectorUnit unit : registry.units()) {
				testers.put(unit.name(),
						new CollectorTester(unit.name(), unit.get(CollectionRunner.class),
								unit.find(Clock.class).orElse(clock),
								() -> unit.find(BackfillService.class).orElse(null), reset, byName));
			}
			return registry.defaultUnit()
				.map((unit) -> testers.get(unit.name()))
				.orElseGet(() -> new CollectorTester(null, null, clock, () -> {
					throw new IllegalStateException("This application has several collectors " + registry.names()
							+ " and no default one: pick one with tester.collector(\"<name>\")");
				}, reset, byName));
		}

	}

}
