package dev.collector.web;

import org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.info.BuildProperties;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.actuate.CollectorHealthAutoConfiguration;
import dev.collector.actuate.CollectorHealthIndicator;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectorStatus;
import dev.collector.config.CollectorIdentity;
import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseAvailabilityAutoConfiguration;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.metrics.CollectorCustomMetricsAutoConfiguration;
import dev.collector.sourcecheck.SourceCheckAutoConfiguration;
import dev.collector.sourcecheck.SourceChecker;

/**
 * The HTTP endpoints of one collector: {@code POST /collect}, {@code GET /health} and
 * {@code GET /ready}. What serves all collectors (problem answers, {@code /metrics}, the
 * database fail-fast) is {@link CollectorSharedWebAutoConfiguration}.
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorHealthAutoConfiguration.class,
		PrometheusMetricsExportAutoConfiguration.class, CollectorCustomMetricsAutoConfiguration.class,
		SourceCheckAutoConfiguration.class, DatabaseAvailabilityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnCollector
public class CollectorWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CollectController collectController(CollectionLauncher launcher, ObjectProvider<SourceChecker> sourceChecker,
			CollectorIdentity identity) {
		return new CollectController(launcher, sourceChecker, identity.name());
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorHealthController collectorHealthController(CollectorIdentity identity, CollectorStatus status,
			ObjectProvider<CollectorHealthIndicator> collectorHealth, ObjectProvider<DatabaseAvailability> database,
			ApplicationAvailability availability, ObjectProvider<BuildProperties> buildProperties, Clock clock) {
		return new CollectorHealthController(identity, status, collectorHealth, database, availability, buildProperties,
				clock);
	}

}
