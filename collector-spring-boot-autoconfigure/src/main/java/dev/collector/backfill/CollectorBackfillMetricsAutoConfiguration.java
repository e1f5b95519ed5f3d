package dev.collector.backfill;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.collector.actuate.CollectorRunMetricsAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * Coverage and backfill meters (see {@link BackfillMetrics} for the names).
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		CollectorBackfillAutoConfiguration.class, CollectorRunMetricsAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ CoverageLedger.class, MeterRegistry.class })
public class CollectorBackfillMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BackfillMetrics backfillMetrics(MeterRegistry registry, CollectorProperties properties, CollectorIdentity identity,
			CoverageLedger ledger, BackfillPlanner planner, Clock clock,
			org.springframework.beans.factory.ObjectProvider<BackfillService> backfill) {
		BackfillService service = backfill.getIfAvailable();
		return new BackfillMetrics(registry, properties.getMetrics().getPrefix(), identity.name(), ledger,
				planner.ledgerSymbols(), planner::firstDay, clock, (service != null) ? service::stalledTasks : null);
	}

}
