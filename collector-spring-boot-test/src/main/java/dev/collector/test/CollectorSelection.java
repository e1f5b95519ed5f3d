package dev.collector.test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;

import dev.collector.collect.Collector;
import dev.collector.collectors.CollectorOverrides;

/**
 * The collector under test in a {@link CollectorTest} of an application with several
 * collectors: {@code @CollectorTest(collector = "prices")} (the property
 * {@value #PROPERTY}) keeps the collector bean of that name and leaves the others out of
 * the test's context, before any auto-configuration counts the collectors. The test then
 * runs one collector exactly as an application with a single one does: its pipeline, sink
 * and checkpoint only, none of the others' beans, runs or schedules. The collector is
 * named as with several collectors ({@code collector.name} is set to it), and its
 * {@code collector.collectors.<name>.*} overrides apply over {@code collector.*}.
 * <p>
 * Without the property, an application with several collectors is tested with its default
 * collector ({@code collector.default-collector}, else the {@code @Primary} collector
 * bean); without one the test fails at start-up with a message that lists the collectors.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE)
@Import(CollectorSelection.Registrar.class)
public class CollectorSelection {

	/** The property that names the collector under test. */
	public static final String PROPERTY = "collector-test.collector";

	private static final String SOURCE_NAME = "collectorTestSelection";

	/**
	 * Leaves the other collectors' bean definitions out. Runs in the first
	 * auto-configuration, after the application's own configuration registered its
	 * collectors and before any condition counts them.
	 */
	static class Registrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			if (!(registry instanceof ListableBeanFactory beanFactory)) {
				return;
			}
			List<String> collectors = Arrays.asList(beanFactory.getBeanNamesForType(Collector.class, true, false));
			String selected = this.environment.getProperty(PROPERTY, "").trim();
			if (selected.isEmpty()) {
				if (collectors.size() <= 1) {
					return;
				}
				selected = defaultCollector(registry, collectors);
				if (selected == null) {
					throw new IllegalStateException("This application has several collectors " + collectors
							+ " and no default one: name the one under test with @CollectorTest(collector = \"<name>\")");
				}
			}
			if (!collectors.contains(selected)) {
				throw new IllegalStateException("@CollectorTest(collector = \"" + selected
						+ "\") names no collector bean; the collectors are " + collectors);
			}
			for (String name : collectors) {
				if (!name.equals(selected)) {
					registry.removeBeanDefinition(name);
				}
			}
			if (this.environment instanceof ConfigurableEnvironment configurable) {
				configurable.getPropertySources()
					.addFirst(new MapPropertySource(SOURCE_NAME, overrides(configurable, selected)));
			}
		}

		/**
		 * The application's default collector: the bean
		 * {@code collector.default-collector} names, else the {@code @Primary} one.
		 */
		private String defaultCollector(BeanDefinitionRegistry registry, List<String> collectors) {
			String configured = this.environment.getProperty("collector.default-collector", "").trim();
			if (!configured.isEmpty()) {
				// named as property names are matched (news-collector designates the bean
				// newsCollector), as the application does
				return collectors.stream()
					.filter((name) -> CollectorOverrides.designates(configured, name))
					.findFirst()
					.orElse(null);
			}
			List<String> primary = collectors.stream()
				.filter((name) -> registry.containsBeanDefinition(name) && registry.getBeanDefinition(name).isPrimary())
				.toList();
			return (primary.size() == 1) ? primary.get(0) : null;
		}

		/**
		 * The collector's name and its {@code collector.collectors.<name>.*} overrides as
		 * {@code collector.*} properties, as its own context would see them with several
		 * collectors.
		 */
		private static Map<String, Object> overrides(ConfigurableEnvironment environment, String selected) {
			Map<String, Object> properties = new LinkedHashMap<>(
					CollectorOverrides.asCollectorProperties(environment, selected));
			properties.put("collector.name", selected);
			return properties;
		}

	}

}
