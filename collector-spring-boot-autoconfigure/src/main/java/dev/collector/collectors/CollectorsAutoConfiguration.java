package dev.collector.collectors;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.collect.RunPermits;
import dev.collector.collect.SingleCollector;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.resilience.ConfigFileWatcher;

/**
 * The {@link CollectorRegistry}: with one collector, the application's context serves it;
 * with several, each gets a child context of its own ({@link CollectorContexts}).
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnBean(Collector.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CollectorsAutoConfiguration.class);

	/** Name of the {@link CollectorRegistry} bean. */
	public static final String REGISTRY_BEAN_NAME = "collectorRegistry";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector
	static class OneCollectorConfiguration {

		@Bean(REGISTRY_BEAN_NAME)
		@ConditionalOnMissingBean
		CollectorRegistry collectorRegistry(CollectorIdentity identity, ConfigurableApplicationContext context) {
			return new SingleCollectorRegistry(
					new CollectorUnit(identity.name(), SingleCollector.of(context.getBeanFactory()), context));
		}

		@Bean
		static SingleCollectorOverrides collectorSingleOverrides(Environment environment) {
			return new SingleCollectorOverrides(environment,
					(properties) -> CollectorIdentity.resolve(properties, environment).name());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector(Cardinality.SEVERAL)
	static class SeveralCollectorsConfiguration {

		// the clock the collectors share with what serves them all (the database's
		// availability, for one); with a single collector its own configuration declares
		// it
		@Bean
		@ConditionalOnMissingBean
		Clock collectorClock() {
			return Clock.systemUTC();
		}

		// collector.max-concurrent-runs: one bound for the runs of all collectors in this
		// JVM, which each collector's runner and cluster collection consult
		@Bean
		@ConditionalOnMissingBean
		RunPermits collectorRunPermits(CollectorProperties properties, ConfigurableApplicationContext context) {
			int collectors = context.getBeanFactory().getBeanNamesForType(Collector.class, true, false).length;
			return RunPermits.of(properties.getMaxConcurrentRuns(), collectors);
		}

		@Bean(REGISTRY_BEAN_NAME)
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		CollectorContexts collectorRegistry(ConfigurableApplicationContext context, CollectorProperties properties,
				Environment environment, ObjectProvider<CollectorSpecification> specifications,
				ObjectProvider<CollectorContextInitializers> initializers) {
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			Map<String, Collector<?>> collectors = CollectorContexts.collectorsOf(beanFactory);
			String primary = null;
			for (String name : collectors.keySet()) {
				if (beanFactory.containsBeanDefinition(name)) {
					BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
					primary = definition.isPrimary() ? name : primary;
				}
			}
			String instanceId = CollectorIdentity.resolve(properties, environment).instanceId();
			List<CollectorSpecification> specs = specifications.orderedStream().toList();
			CollectorContexts contexts = new CollectorContexts(context, collectors, primary, specs, instanceId,
					initializers.getIfAvailable(CollectorContextInitializers::new));
			// the children use the application's beans (its data source, for one) to the
			// end: they close before any bean they created or used while starting
			for (String name : beanFactory.getSingletonNames()) {
				if (!name.equals(REGISTRY_BEAN_NAME) && !isCollectorBean(collectors, name)) {
					beanFactory.registerDependentBean(name, REGISTRY_BEAN_NAME);
				}
			}
			return contexts;
		}

		// used by Spring AOT at build time only (the code it generates leaves it out):
		// it processes each collector's context too
		@Bean
		static CollectorContextsAotProcessor collectorContextsAotProcessor(ConfigurableApplicationContext context) {
			return new CollectorContextsAotProcessor(context);
		}

		private static boolean isCollectorBean(Map<String, Collector<?>> collectors, String name) {
			return collectors.containsKey(name);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(EnvironmentChangeEvent.class)
		static class RefreshConfiguration {

			// one watcher for the application: in each collector's context it would
			// refresh the application once per collector
			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnBean(ContextRefresher.class)
			@ConditionalOnBooleanProperty("collector.config.watch")
			ConfigFileWatcher collectorConfigFileWatcher(Environment environment, CollectorProperties properties,
					ContextRefresher refresher) {
				return ConfigFileWatcher.of(environment, properties, refresher);
			}

			// a refreshed collector.max-concurrent-runs applies to the runs that start
			// next
			// (read from the environment at each change: relaxed names resolve there)
			@Bean
			ApplicationListener<EnvironmentChangeEvent> collectorRunPermitsRefresher(RunPermits permits,
					CollectorContexts contexts, Environment environment) {
				return (event) -> {
					try {
						Integer configured = environment.getProperty("collector.max-concurrent-runs", Integer.class);
						permits.resize(RunPermits.of(configured, contexts.units().size()).limit());
					}
					catch (RuntimeException ex) {
						logger.warn(
								"Keeping " + permits + ": collector.max-concurrent-runs is not a number of at least 1 ("
										+ ex.getMessage() + ")");
					}
				};
			}

			@Bean
			ApplicationListener<EnvironmentChangeEvent> collectorContextsRefresher(CollectorContexts contexts) {
				return (event) -> {
					if (!(event.getSource() instanceof ConfigurableApplicationContext child)
							|| contexts.units().stream().noneMatch((unit) -> unit.context() == child)) {
						contexts.environmentChanged(event.getKeys(),
								(context, keys) -> new EnvironmentChangeEvent(context, keys));
					}
				};
			}

		}

	}

}
