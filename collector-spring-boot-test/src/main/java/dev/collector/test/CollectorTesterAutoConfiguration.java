package dev.collector.test;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.backfill.BackfillService;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorAutoConfiguration;

/**
 * A {@link CollectorTester} over the application's runner and clock, in tests that use
 * {@link CollectorTest} or {@link AutoConfigureCollectorTester}.
 */
@AutoConfiguration(after = CollectorAutoConfiguration.class)
public class CollectorTesterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CollectionRunner.class)
	CollectorTester collectorTester(CollectionRunner runner, Clock clock, ObjectProvider<BackfillService> backfill) {
		return new CollectorTester(runner, clock, backfill::getIfAvailable);
	}

}
