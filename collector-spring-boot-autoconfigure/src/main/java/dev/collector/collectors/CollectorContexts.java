package dev.collector.collectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.config.CollectorProperties;

/**
 * The collectors of an application that declares several: a child context of the
 * application's context for each, holding the beans that serve it alone. A child sees the
 * application's beans (the data source, the meter registry, the object mapper, and every
 * bean the application declares to replace one of ours for all collectors), and an
 * environment in which {@code collector.collectors.<name>.*} overrides
 * {@code collector.*}. Spring Cloud's {@code NamedContextFactory} serves its clients the
 * same way.
 */
public class CollectorContexts implements CollectorRegistry, DisposableBean {

	private static final Log logger = LogFactory.getLog(CollectorContexts.class);

	/** Letters, digits, dash and underscore: a name is a path segment and a label. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

	private static final String OVERRIDES = "collectorOverrides";

	private final ConfigurableApplicationContext parent;

	private final String instanceId;

	private final List<CollectorUnit> units;

	private final CollectorUnit defaultUnit;

	/**
	 * Create the contexts and refresh them.
	 * @param parent the application's context
	 * @param collectors the collector beans by bean name, in declaration order
	 * @param primary the bean name of the {@code @Primary} collector, or {@code null}
	 * @param specifications per-collector configuration that the application adds
	 * @param instanceId this instance's id, shared by all collectors
	 */
	public CollectorContexts(ConfigurableApplicationContext parent, Map<String, Collector<?>> collectors,
			String primary, List<CollectorSpecification> specifications, String instanceId) {
		this.parent = parent;
		this.instanceId = instanceId;
		Map<String, String> namesByBean = namesByBean(collectors);
		List<String> names = List.copyOf(namesByBean.values());
		List<String> unknown = CollectorOverrides.unknownNames(parent.getEnvironment(), names);
		if (!unknown.isEmpty()) {
			throw new UnknownCollectorOverrideException(unknown, names);
		}
		List<String> shared = CollectorOverrides.sharedOverrides(parent.getEnvironment());
		if (!shared.isEmpty()) {
			throw new IllegalStateException("Properties " + shared + " cannot be set for one collector: "
					+ CollectorOverrides.SHARED.stream().map((name) -> "collector." + name).toList()
					+ " are shared by all collectors; set them under collector.* instead");
		}
		for (CollectorSpecification specification : specifications) {
			if (!names.contains(specification.collector())) {
				throw new UnknownCollectorOverrideException(List.of(specification.collector()), names);
			}
		}
		String defaultName = defaultName(parent, namesByBean, primary);
		List<CollectorUnit> units = new ArrayList<>();
		try {
			collectors.forEach((beanName, collector) -> {
				String name = namesByBean.get(beanName);
				units.add(new CollectorUnit(name, collector, create(name, beanName, collector, specifications)));
			});
		}
		catch (RuntimeException ex) {
			close(units);
			throw ex;
		}
		this.units = Collections.unmodifiableList(units);
		this.defaultUnit = (defaultName != null) ? get(defaultName) : null;
	}

	@Override
	public List<CollectorUnit> units() {
		return this.units;
	}

	@Override
	public Optional<CollectorUnit> defaultUnit() {
		return Optional.ofNullable(this.defaultUnit);
	}

	/**
	 * Apply a change of the application's environment to every collector: the children
	 * read the application's property sources again, rebind their properties and hear the
	 * change (with the keys as {@code collector.*} keys) on their own listeners only.
	 * @param changedKeys the keys that changed in the application's environment
	 * @param eventFactory creates the event for a child context and its changed keys
	 */
	void environmentChanged(Set<String> changedKeys, EventFactory eventFactory) {
		List<String> unknown = CollectorOverrides.unknownNames(this.parent.getEnvironment(), names());
		if (!unknown.isEmpty()) {
			logger.warn("Ignoring overrides for unknown collectors " + unknown + "; the collectors are " + names());
		}
		for (CollectorUnit unit : this.units) {
			ConfigurableApplicationContext child = (ConfigurableApplicationContext) unit.context();
			copyPropertySources(child.getEnvironment(), unit.name());
			for (String beanName : child.getBeanFactory()
				.getBeanNamesForType(CollectorProperties.class, false, false)) {
				Object properties = child.getBean(beanName);
				// as Spring Cloud's ConfigurationPropertiesRebinder does: bound again
				// from
				// the environment by the binding post-processor; an invalid value is
				// reported, and the other collectors still get their changes
				try {
					child.getAutowireCapableBeanFactory().destroyBean(properties);
					child.getAutowireCapableBeanFactory().initializeBean(properties, beanName);
				}
				catch (RuntimeException ex) {
					logger.error("Changed properties of " + unit + " could not be bound: " + ex.getMessage());
				}
			}
			Set<String> keys = CollectorOverrides.asCollectorKeys(changedKeys, unit.name());
			if (!keys.isEmpty()) {
				// the child's listeners only: publishing in the child would reach the
				// application's listeners too, and start this over
				child
					.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
							ApplicationEventMulticaster.class)
					.multicastEvent(eventFactory.create(child, keys));
			}
		}
	}

	@Override
	public void destroy() {
		List<CollectorUnit> reversed = new ArrayList<>(this.units);
		Collections.reverse(reversed);
		close(reversed);
	}

	private ConfigurableApplicationContext create(String name, String beanName, Collector<?> collector,
			List<CollectorSpecification> specifications) {
		AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext();
		child.setParent(this.parent);
		child.setId(this.parent.getId() + "-collector-" + name);
		child.setDisplayName("collector '" + name + "'");
		child.setClassLoader(this.parent.getClassLoader());
		child.setEnvironment(environmentFor(name));
		// a singleton, not a definition: the application owns the bean and destroys it
		child.getBeanFactory().registerSingleton(beanName, collector);
		for (CollectorSpecification specification : specifications) {
			if (specification.collector().equals(name)) {
				child.register(specification.configurations());
			}
		}
		child.register(CollectorContextConfiguration.class);
		long start = System.nanoTime();
		child.refresh();
		if (logger.isDebugEnabled()) {
			logger.debug("Context of collector '" + name + "' started in " + (System.nanoTime() - start) / 1_000_000
					+ " ms");
		}
		return child;
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

	private void copyPropertySources(ConfigurableEnvironment environment, String name) {
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

	private static Map<String, String> namesByBean(Map<String, Collector<?>> collectors) {
		Map<String, String> names = new LinkedHashMap<>();
		collectors.forEach((beanName, collector) -> {
			String own = collector.name();
			String name = (own != null && !own.isBlank()) ? own.trim() : beanName;
			if (!NAME.matcher(name).matches()) {
				throw new IllegalStateException("Collector bean '" + beanName + "' is named '" + name
						+ "': a collector's name is a path segment and a metrics label, use letters, digits, "
						+ "'-' and '_' only (at most 63), or override Collector.name()");
			}
			String clash = names.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().equalsIgnoreCase(name))
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse(null);
			if (clash != null) {
				throw new IllegalStateException("Collector beans '" + clash + "' and '" + beanName
						+ "' are both named '" + name + "': give one another name with Collector.name()");
			}
			names.put(beanName, name);
		});
		return names;
	}

	private static String defaultName(ConfigurableApplicationContext parent, Map<String, String> namesByBean,
			String primary) {
		String configured = parent.getEnvironment().getProperty("collector.default-collector");
		if (configured != null && !configured.isBlank()) {
			List<String> names = List.copyOf(namesByBean.values());
			return names.stream()
				.filter((name) -> CollectorOverrides.designates(configured.trim(), name))
				.findFirst()
				.orElseThrow(() -> new UnknownCollectorOverrideException("collector.default-collector",
						List.of(configured.trim()), names));
		}
		return (primary != null) ? namesByBean.get(primary) : null;
	}

	private static void close(List<CollectorUnit> units) {
		for (CollectorUnit unit : units) {
			try {
				((ConfigurableApplicationContext) unit.context()).close();
			}
			catch (RuntimeException ex) {
				logger.warn("Closing the context of " + unit + " failed", ex);
			}
		}
	}

	/**
	 * Creates the event a child context hears when the environment changed.
	 */
	@FunctionalInterface
	interface EventFactory {

		ApplicationEvent create(ConfigurableApplicationContext child, Set<String> keys);

	}

}
