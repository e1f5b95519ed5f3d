package dev.collector.collectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.lang.model.element.Modifier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.javapoet.CodeBlock;

import dev.collector.collect.Collector;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * Spring AOT for the collectors' contexts, as Spring Cloud does for its named child
 * contexts: when the build processes the application's context ahead of time, each
 * collector's context is processed too, and the code generated for the application
 * registers their initializers ({@link CollectorContextInitializers}). An application
 * started with {@code -Dspring.aot.enabled=true} then creates them from those bean
 * definitions instead of parsing their configuration classes and evaluating their
 * conditions, and a native image needs no reflection on those classes.
 * <p>
 * The build learns the collectors' names from the collector beans, so it creates them, as
 * Spring Cloud creates its client factories; when that fails, it says so and the contexts
 * are built from their classes at run time, as without AOT. Their conditions are fixed at
 * build time like the application's, {@code collector.collectors.<name>.*} included.
 */
final class CollectorContextsAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final Log logger = LogFactory.getLog(CollectorContextsAotProcessor.class);

	private final ConfigurableApplicationContext context;

	CollectorContextsAotProcessor(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		// the application's context only: a collector's context is processed below, and
		// has no collectors of its own
		if (beanFactory != this.context.getBeanFactory()) {
			return null;
		}
		Map<String, GenericApplicationContext> children = new LinkedHashMap<>();
		try {
			Map<String, Collector<?>> collectors = CollectorContexts.collectorsOf(beanFactory);
			Map<String, String> namesByBean = CollectorContexts.namesByBean(collectors);
			List<CollectorSpecification> specifications = this.context.getBeanProvider(CollectorSpecification.class)
				.orderedStream()
				.toList();
			String instanceId = CollectorIdentity
				.resolve(this.context.getBean(CollectorProperties.class), this.context.getEnvironment())
				.instanceId();
			CollectorContextFactory factory = new CollectorContextFactory(this.context, instanceId,
					new CollectorContextInitializers());
			collectors.forEach((beanName, collector) -> {
				String name = namesByBean.get(beanName);
				children.put(name, factory.prepare(name, beanName, collector, specifications));
			});
		}
		catch (RuntimeException ex) {
			logger.warn("The collectors' contexts were not processed ahead of time; they will be built from their "
					+ "configuration classes when the application starts: " + ex);
			return null;
		}
		return (generationContext, code) -> generate(children, generationContext, code);
	}

	private static void generate(Map<String, GenericApplicationContext> children, GenerationContext generationContext,
			BeanFactoryInitializationCode code) {
		Map<String, ClassName> initializers = new LinkedHashMap<>();
		children.forEach((name, child) -> initializers.put(name, new ApplicationContextAotGenerator()
			.processAheadOfTime(child, generationContext.withName(generatedName(name)))));
		GeneratedMethod method = code.getMethods().add("registerCollectorContextInitializers", (builder) -> {
			builder.addJavadoc("Register the initializers generated for the collectors' contexts.");
			builder.addModifiers(Modifier.PRIVATE);
			builder.addParameter(DefaultListableBeanFactory.class, BeanFactoryInitializationCode.BEAN_FACTORY_VARIABLE);
			CodeBlock.Builder registration = CodeBlock.builder()
				.add("$L.registerSingleton($S, new $T()", BeanFactoryInitializationCode.BEAN_FACTORY_VARIABLE,
						CollectorContextInitializers.BEAN_NAME, CollectorContextInitializers.class);
			initializers.forEach((name, initializer) -> registration.add("\n.add($S, new $T())", name, initializer));
			builder.addStatement(registration.add(")").build());
		});
		code.addInitializer(method.toMethodReference());
	}

	/**
	 * The name the generated classes of a collector's context carry: its name as a Java
	 * identifier (two alike get a number from Spring).
	 */
	private static String generatedName(String collector) {
		return "Collector_" + collector.replaceAll("[^A-Za-z0-9_]", "_");
	}

}
