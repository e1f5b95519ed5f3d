package dev.collector.runonce;

import java.util.Optional;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.CollectorBackfillAutoConfiguration;
import dev.collector.cluster.ClusterCollection;
import dev.collector.cluster.CollectorClusterAutoConfiguration;
import dev.collector.cluster.ClusterSchedulerLifecycle;
import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RunMode;
import dev.collector.config.RunOnceProperties;
import dev.collector.sourcecheck.SourceCheckAutoConfiguration;
import dev.collector.sourcecheck.SourceChecker;

/**
 * One-shot runs: {@code collector.run=collect|backfill|check|checkpoints} runs once
 * through the same launcher, pipeline, sink, ledger and checkpoints as the service, and
 * exits (see {@link RunOnceRunner}).
 * <p>
 * The beans exist whether {@code collector.run} is set or not, and read it at run time:
 * an application processed ahead of time (Spring AOT), whose conditions are fixed at
 * build time, runs as a service or once from the same build.
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorClusterAutoConfiguration.class,
		CollectorBackfillAutoConfiguration.class, SourceCheckAutoConfiguration.class })
@ConditionalOnCollector
@EnableConfigurationProperties(CollectorProperties.class)
public class RunOnceAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RunOnceAutoConfiguration.class);

	private static final String PUSHGATEWAY_ENABLED = "management.prometheus.metrics.export.pushgateway.enabled";

	@Bean
	@ConditionalOnMissingBean
	RunOnceRunner collectorRunOnceRunner(CollectorProperties properties, Environment environment,
			ObjectProvider<RunOnceTask> tasks, ListableBeanFactory beanFactory) {
		Optional<RunMode> mode = RunMode.of(environment);
		if (mode.isPresent() && environment.getProperty(PUSHGATEWAY_ENABLED, Boolean.class, false)
				&& !beanFactory.containsBean("prometheusPushGatewayManager")) {
			// Spring AOT decided at build time, without the Pushgateway
			logger.warn(PUSHGATEWAY_ENABLED + "=true has no effect: this application was built ahead of time "
					+ "(Spring AOT) without it, so its metrics are not pushed. Build it with the property set, or "
					+ "run it without -Dspring.aot.enabled=true.");
		}
		return new RunOnceRunner(mode, tasks.orderedStream().toList(), properties.getRunOnce().isExit(), System.out);
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorCheckOnce")
	RunOnceTask collectorCheckOnce(CollectorIdentity identity, SourceChecker checker) {
		return new CheckOnce(identity.name(), checker);
	}

	/**
	 * Collect and checkpoints with db-scheduler: the order goes through the cluster's
	 * launcher before this process's scheduler starts; the coverage comes from the
	 * ledger.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Scheduler.class)
	@ConditionalOnBean(ClusterSchedulerLifecycle.class)
	static class ClusterRunOnceConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "collectorCollectOnce")
		RunOnceTask collectorCollectOnce(CollectorIdentity identity, ClusterCollection launcher,
				ObjectProvider<ClusterSchedulerLifecycle> scheduler, CollectorProperties properties) {
			// looked up when the run starts: with several collectors the scheduler is the
			// application's, built after every collector's context
			return new CollectOnce(identity.name(), launcher, () -> scheduler.getObject().start(),
					properties.getRunOnce().isDryRun());
		}

		@Bean
		@ConditionalOnMissingBean(name = "collectorBackfillOnce")
		BackfillOnce collectorBackfillOnce(CollectorIdentity identity, BackfillService backfill,
				ObjectProvider<ClusterSchedulerLifecycle> scheduler, CollectorProperties properties) {
			return new BackfillOnce(identity.name(), backfill, () -> scheduler.getObject().start(), () -> {
				RunOnceProperties arguments = properties.getRunOnce();
				return new BackfillRequest(arguments.getFrom(), arguments.getTo(), arguments.getSymbols(),
						arguments.isForce(), arguments.isDryRun());
			});
		}

		@Bean
		@ConditionalOnMissingBean(name = "collectorCheckpointsOnce")
		RunOnceTask collectorCheckpointsOnce(CollectorIdentity identity, CheckpointStore checkpoints,
				BackfillService backfill, CollectorProperties properties) {
			RunOnceProperties arguments = properties.getRunOnce();
			return new CheckpointsOnce(identity.name(), checkpoints,
					() -> backfill.coverage(null, arguments.getFrom(), arguments.getTo()));
		}

	}

	/**
	 * Collect and checkpoints without db-scheduler: the run in this JVM, single flight
	 * within it; no coverage ledger.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LocalRunOnceConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "collectorCollectOnce", "collectorSchedulerLifecycle" })
		RunOnceTask collectorCollectOnce(CollectorIdentity identity, CollectionLauncher launcher,
				CollectorProperties properties) {
			return new CollectOnce(identity.name(), launcher, () -> {
			}, properties.getRunOnce().isDryRun());
		}

		@Bean
		@ConditionalOnMissingBean(name = { "collectorCheckpointsOnce", "collectorSchedulerLifecycle" })
		RunOnceTask collectorCheckpointsOnce(CollectorIdentity identity, CheckpointStore checkpoints) {
			return new CheckpointsOnce(identity.name(), checkpoints, null);
		}

	}

}
