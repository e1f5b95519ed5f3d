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

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

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

	private final ConfigurableApplicationContext parent;

	private final CollectorContextFactory factory;

	private final List<CollectorUnit> units;

	private final CollectorUnit defaultUnit;

	/**
	 * Create the contexts and refresh them, each from its configuration classes.
	 * @param parent the application's context
	 * @param collectors the collector beans by bean name, in declaration order
	 * @param primary the bean name of the {@code @Primary} collector, or {@code null}
	 * @param specifications per-collector configuration that the application adds
	 * @param instanceId this instance's id, shared by all collectors
	 */
	public CollectorContexts(ConfigurableApplicationContext parent, Map<String, Collector<?>> collectors,
			String primary, List<CollectorSpecification> specifications, String instanceId) {
		this(parent, collectors, primary, specifications, instanceId, new CollectorContextInitializers());
	}

	/**
	 * Create the contexts and refresh them.
	 * @param parent the application's context
	 * @param collectors the collector beans by bean name, in declaration order
	 * @param primary the bean name of the {@code @Primary} collector, or {@code null}
	 * @param specifications per-collector configuration that the application adds
	 * @param instanceId this instance's id, shared by all collectors
	 * @param initializers what Spring AOT generated at build time for the collectors'
	 * contexts; a collector without one gets its context from its configuration classes
	 */
	public CollectorContexts(ConfigurableApplicationContext parent, Map<String, Collector<?>> collectors,
			String primary, List<CollectorSpecification> specifications, String instanceId,
			CollectorContextInitializers initializers) {
		this.parent = parent;
		this.factory = new CollectorContextFactory(parent, instanceId, initializers);
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
				units.add(new CollectorUnit(name, collector,
						this.factory.create(name, beanName, collector, specifications)));
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
			this.factory.copyPropertySources(child.getEnvironment(), unit.name());
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

	/**
	 * The collector beans of a context, by bean name in declaration order.
	 * @param beanFactory the application's bean factory
	 * @return the collectors (created, if they were not yet)
	 */
	static Map<String, Collector<?>> collectorsOf(ConfigurableListableBeanFactory beanFactory) {
		Map<String, Collector<?>> collectors = new LinkedHashMap<>();
		for (String name : beanFactory.getBeanNamesForType(Collector.class, true, false)) {
			collectors.put(name, beanFactory.getBean(name, Collector.class));
		}
		return collectors;
	}

	/**
	 * The collectors' names: each one's own {@link Collector#name()}, else its bean name.
	 * @param collectors the collector beans by bean name
	 * @return the names by bean name, in the same order
	 * @throws IllegalStateException when a name is not a path segment, or two are alike
	 */
	static Map<String, String> namesByBean(Map<String, Collector<?>> collectors) {
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
