package dev.collector.test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.BackfillService;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.schema.RecordSchema;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.MutableClock;

/**
 * A {@link CollectorTester} over the application's runner and clock, in tests that use
 * {@link CollectorTest} or {@link AutoConfigureCollectorTester}.
 */
@AutoConfiguration(after = CollectorAutoConfiguration.class)
public class CollectorTesterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CollectionRunner.class)
	CollectorTester collectorTester(CollectionRunner runner, Clock clock, ObjectProvider<BackfillService> backfill,
			ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<RecordSchema<?>> schemas,
			ObjectProvider<MeterRegistry> meters, BeanFactory beanFactory) {
		List<Runnable> others = new ArrayList<>();
		Runnable breaker = CollectorStateReset.circuitBreakerReset(beanFactory);
		if (breaker != null) {
			others.add(breaker);
		}
		ObjectProvider<FakeUpstream> upstreams = beanFactory.getBeanProvider(FakeUpstream.class);
		others.add(() -> upstreams.forEach(FakeUpstream::reset));
		CollectorStateReset reset = new CollectorStateReset(jdbc.getIfAvailable(), schemas.orderedStream().toList(),
				(clock instanceof MutableClock mutable) ? mutable : null, meters.getIfUnique(), others);
		return new CollectorTester(runner, clock, backfill::getIfAvailable, reset::reset);
	}

}
