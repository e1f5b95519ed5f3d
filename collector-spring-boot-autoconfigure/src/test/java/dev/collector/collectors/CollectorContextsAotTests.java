package dev.collector.collectors;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.config.CollectorProperties;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collectors' contexts under Spring AOT: the build processes them with the
 * application's context, and the application started from the generated code creates them
 * from their generated bean definitions (the same beans as without AOT), or, when the
 * build could not create a collector, from their classes as without AOT.
 */
@CompileWithForkedClassLoader
class CollectorContextsAotTests {

	private static final String[] PROPERTIES = { "spring.datasource.generate-unique-name=true",
			TwoCollectorsApplication.SCHEMA, "spring.main.web-application-type=none" };

	@Test
	void eachCollectorsContextStartsFromTheBeanDefinitionsGeneratedAtBuildTime() {
		startProcessedAheadOfTime(TwoCollectorsWithSpecification.class,
				new String[] { "collector.collectors.quotes.sink.batch-size=3" }, (context) -> {
					CollectorContextInitializers initializers = context.getBean(CollectorContextInitializers.class);
					assertThat(initializers.collectors()).containsExactly("readings", "quotes");
					CollectorRegistry registry = context.getBean(CollectorRegistry.class);
					assertThat(registry.names()).containsExactly("readings", "quotes");
					CollectorUnit readings = registry.get("readings");
					CollectorUnit quotes = registry.get("quotes");
					// generated: nothing left to parse in either context
					assertThat(readings.context()).isNotInstanceOf(AnnotationConfigApplicationContext.class);
					assertThat(quotes.context()).isNotInstanceOf(AnnotationConfigApplicationContext.class);
					assertThat(readings.collector()).isInstanceOf(ScriptedCollector.class);
					assertThat(quotes.collector()).isInstanceOf(QuoteCollector.class);
					assertThat(readings.get(CollectionRunner.class)).isNotSameAs(quotes.get(CollectionRunner.class));
					// the specification's bean in its collector's context only
					assertThat(quotes.context().getBeansOfType(QuotesMarker.class)).hasSize(1);
					assertThat(readings.context().getBeansOfType(QuotesMarker.class)).isEmpty();
					// a property that decides no condition is still read at run time
					assertThat(quotes.get(CollectorProperties.class).getSink().getBatchSize()).isEqualTo(3);
					assertThat(readings.get(CollectorProperties.class).getSink().getBatchSize()).isNotEqualTo(3);
				});
	}

	@Test
	void aCollectorTheBuildCannotCreateLeavesTheContextsToBeBuiltFromTheirClasses() {
		startProcessedAheadOfTime(CollectorsOnlyAtRunTime.class, new String[] { "only-at-run-time=true" },
				(context) -> {
					assertThat(context.getBeansOfType(CollectorContextInitializers.class)).isEmpty();
					CollectorRegistry registry = context.getBean(CollectorRegistry.class);
					assertThat(registry.names()).containsExactly("readings", "quotes");
					assertThat(registry.get("readings").context())
						.isInstanceOf(AnnotationConfigApplicationContext.class);
					assertThat(registry.get("quotes").get(CollectionRunner.class)).isNotNull();
				});
	}

	/**
	 * Process the application's context ahead of time, compile what was generated, and
	 * start the application from it.
	 */
	private static void startProcessedAheadOfTime(Class<?> application, String[] runTimeProperties,
			Consumer<GenericApplicationContext> assertions) {
		AnnotationConfigApplicationContext buildTime = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(PROPERTIES).applyTo(buildTime);
		buildTime.register(application);
		TestGenerationContext generationContext = new TestGenerationContext(application);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(buildTime, generationContext);
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			GenericApplicationContext runTime = new GenericApplicationContext();
			TestPropertyValues.of(PROPERTIES).and(runTimeProperties).applyTo(runTime);
			@SuppressWarnings("unchecked")
			ApplicationContextInitializer<GenericApplicationContext> generated = compiled
				.getInstance(ApplicationContextInitializer.class, initializer.toString());
			generated.initialize(runTime);
			runTime.refresh();
			try {
				assertions.accept(runTime);
			}
			finally {
				runTime.close();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	public static class TwoCollectorsWithSpecification extends TwoCollectorsApplication {

		@Bean
		CollectorSpecification quotesSpecification() {
			return new CollectorSpecification("quotes", QuotesConfiguration.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class QuotesConfiguration {

		@Bean
		QuotesMarker quotesMarker() {
			return new QuotesMarker();
		}

	}

	public static class QuotesMarker {

	}

	/** Two collectors that can only be created when the application runs. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class CollectorsOnlyAtRunTime {

		@Bean
		ScriptedCollector readings(Environment environment) {
			if (!environment.containsProperty("only-at-run-time")) {
				throw new IllegalStateException("created at run time only");
			}
			return new ScriptedCollector();
		}

		@Bean
		QuoteCollector quotes() {
			return new QuoteCollector();
		}

	}

}
