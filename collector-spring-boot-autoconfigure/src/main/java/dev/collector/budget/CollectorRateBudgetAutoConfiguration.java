package dev.collector.budget;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RateLimitProperties;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.jdbc.RequiredTables;
import dev.collector.ops.StatusContributor;

/**
 * The collector's rate budget ({@link RateBudget}): shared by every replica through the
 * database ({@link ClusterRateBudget}) when {@code collector.rate-limit.scope=cluster},
 * the default on a database that is not embedded; otherwise the replica's own
 * ({@link LocalRateBudget}). Both pause after a 429 and adapt. Exposes it on /status
 * ({@code rate_budget}) and as meters ({@link RateBudgetMetrics}).
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorJdbcAutoConfiguration.class },
		afterName = { "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnCollector
@ConditionalOnBean(CollectorIdentity.class)
public class CollectorRateBudgetAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	RateBudget collectorRateBudget(CollectorIdentity identity, CollectorProperties properties,
			ObjectProvider<DataSource> dataSource, ObjectProvider<JdbcTemplate> jdbcTemplate) {
		RateLimitProperties settings = properties.getRateLimit();
		// a budget spends real time: its leases and pauses expire on the wall clock that
		// every replica shares, never on the application's Clock bean, which a test or an
		// application may hold still or move to pick collection windows
		Clock time = Clock.systemUTC();
		DataSource database = dataSource.getIfUnique();
		if (database != null && isCluster(settings.getScope(), database)) {
			JdbcTemplate jdbc = jdbcTemplate.getIfUnique(() -> new JdbcTemplate(database));
			return new ClusterRateBudget(identity.name(), identity.instanceId(), settings,
					new JdbcRateBudgetStore(jdbc), time);
		}
		return new LocalRateBudget(identity.name(), settings, time);
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorRateBudgetTables")
	RequiredTables collectorRateBudgetTables(ObjectProvider<RateBudget> budget) {
		// only the cluster budget keeps its state in the database
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("collector_rate_budget",
				List.of("collector", "configured_rpm", "reduced_rpm", "reduced_at_ms", "paused_until_ms"));
		tables.put("collector_rate_lease",
				List.of("collector", "instance_id", "spending", "spending_since_ms", "expires_at_ms"));
		return () -> (budget.getIfAvailable() instanceof ClusterRateBudget) ? tables : Map.of();
	}

	static boolean isCluster(RateLimitProperties.Scope scope, DataSource dataSource) {
		if (scope != null) {
			return scope == RateLimitProperties.Scope.CLUSTER;
		}
		return !EmbeddedDatabaseConnection.isEmbedded(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean(name = "rateBudgetStatusContributor")
	@ConditionalOnClass(name = "dev.collector.ops.StatusContributor")
	StatusContributor rateBudgetStatusContributor(RateBudget budget) {
		return new StatusContributor() {

			@Override
			public String name() {
				return "rate_budget";
			}

			@Override
			public Object status() {
				RateBudget.Snapshot snapshot = budget.snapshot();
				Map<String, Object> status = new LinkedHashMap<>();
				status.put("scope", snapshot.scope());
				status.put("configured_requests_per_minute", snapshot.configured());
				status.put("effective_requests_per_minute", round(snapshot.effective()));
				status.put("share_requests_per_minute", round(snapshot.share()));
				status.put("replicas_sharing", snapshot.spenders());
				status.put("paused_until", snapshot.pausedUntil());
				return status;
			}

		};
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class RateBudgetMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateBudgetMetrics rateBudgetMetrics(RateBudget budget, CollectorProperties properties,
				CollectorIdentity identity) {
			return new RateBudgetMetrics(budget, properties.getMetrics().getPrefix(), identity.name());
		}

	}

}
