package dev.collector.collectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import dev.collector.collect.Collector;

/**
 * Builds the context of one collector: a child of the application's context whose
 * environment lets {@code collector.collectors.<name>.*} override {@code collector.*},
 * holding the collector itself and the starter's per-collector beans. Those come either
 * from the configuration classes, parsed and conditioned as the context starts, or from
 * the initializer Spring AOT generated for this collector at build time
 * ({@link CollectorContextsAotProcessor}): the same beans, without the parsing.
 */
final class CollectorContextFactory {

	// the logger the docs name for the contexts' start-up times
	private static final Log logger = LogFactory.getLog(CollectorContexts.class);

	private static final String OVERRIDES = "collectorOverrides";

	private final ConfigurableApplicationContext parent;

	private final String instanceId;

	private final CollectorContextInitializers initializers;

	/**
	 * Create a factory.
	 * @param parent the application's context
	 * @param instanceId this instance's id, shared by all collectors
	 * @param initializers the initializers generated at build time, empty without AOT
	 */
	CollectorContextFactory(ConfigurableApplicationContext parent, String instanceId,
			CollectorContextInitializers initializers) {
		this.parent = parent;
		this.instanceId = instanceId;
		this.initializers = initializers;
	}

	/**
	 * Create a collector's context and refresh it.
	 * @param name the collector's name
	 * @param beanName the collector's bean name
	 * @param collector the collector
	 * @param specifications what the application adds to the collectors' contexts
	 * @return the refreshed context
	 */
	ConfigurableApplicationContext create(String name, String beanName, Collector<?> collector,
			List<CollectorSpecification> specifications) {
		ApplicationContextInitializer<GenericApplicationContext> initializer = this.initializers.get(name);
		GenericApplicationContext child;
		if (initializer != null) {
			// the specifications' classes were registered at build time: the initializer
			// holds their bean definitions
			child = new GenericApplicationContext();
			setUp(child, name, beanName, collector);
			initializer.initialize(child);
		}
		else {
			child = prepare(name, beanName, collector, specifications);
		}
		long start = System.nanoTime();
		child.refresh();
		if (logger.isDebugEnabled()) {
			logger.debug("Context of collector '" + name + "' started in " + (System.nanoTime() - start) / 1_000_000
					+ " ms" + ((initializer != null) ? " from the bean definitions generated at build time" : ""));
		}
		return child;
	}

	/**
	 * A collector's context before its refresh, with its configuration classes
	 * registered: what starts without AOT, and what Spring AOT processes at build time.
	 * @param name the collector's name
	 * @param beanName the collector's bean name
	 * @param collector the collector
	 * @param specifications what the application adds to the collectors' contexts
	 * @return the context, not refreshed
	 */
	AnnotationConfigApplicationContext prepare(String name, String beanName, Collector<?> collector,
			List<CollectorSpecification> specifications) {
		AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext();
		setUp(child, name, beanName, collector);
		for (CollectorSpecification specification : specifications) {
			if (specification.collector().equals(name)) {
				child.register(specification.configurations());
			}
		}
		child.register(CollectorContextConfiguration.class);
		return child;
	}

	/**
	 * Make an environment hold the application's property sources again, behind this
	 * collector's overrides.
	 * @param environment a collector's environment
	 * @param name the collector's name
	 */
	void copyPropertySources(ConfigurableEnvironment environment, String name) {
		MutablePropertySources sources = environment.getPropertySources();
		for (String sourceName : sources.stream().map(PropertySource::getName).toList()) {
			sources.remove(sourceName);
		}
		Map<String, Object> overrides = new LinkedHashMap<>(
				CollectorOverrides.asCollectorProperties(this.parent.getEnvironment(), name));
		overrides.put("collector.name", name);
		overrides.put("collector.instance-id", this.instanceId);
		sources.addFirst(new MapPropertySource(OVERRIDES, overrides));
		for (PropertySource<?> source : this.parent.getEnvironment().getPropertySources()) {
			if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				sources.addLast(source);
			}
		}
		ConfigurationPropertySources.attach(environment);
	}

	private void setUp(GenericApplicationContext child, String name, String beanName, Collector<?> collector) {
		child.setParent(this.parent);
		child.setId(this.parent.getId() + "-collector-" + name);
		child.setDisplayName("collector '" + name + "'");
		child.setClassLoader(this.parent.getClassLoader());
		child.setEnvironment(environmentFor(name));
		// a singleton, not a definition: the application owns the bean and destroys it
		// (and Spring AOT generates no code for it)
		child.getBeanFactory().registerSingleton(beanName, collector);
	}

	private ConfigurableEnvironment environmentFor(String name) {
		ConfigurableEnvironment parentEnvironment = this.parent.getEnvironment();
		// the same kind as the application's: a servlet environment makes the child a web
		// context for @ConditionalOnWebApplication, and Boot's resolve relaxed names
		ConfigurableEnvironment environment = BeanUtils.instantiateClass(parentEnvironment.getClass());
		environment.setActiveProfiles(parentEnvironment.getActiveProfiles());
		environment.setDefaultProfiles(parentEnvironment.getDefaultProfiles());
		environment.setConversionService(parentEnvironment.getConversionService());
		copyPropertySources(environment, name);
		return environment;
	}

}
