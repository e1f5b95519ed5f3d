package dev.collector.test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import dev.collector.test.support.FakeUpstream;

/**
 * Starts the {@link FakeUpstream} of a {@code @CollectorTest(upstream = "...")}: one per
 * test context, a bean the test injects, its base URL in the named properties, closed
 * with the context and reset with the collector before every test. Registered in
 * {@code META-INF/spring.factories}.
 */
class FakeUpstreamContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		CollectorTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, CollectorTest.class);
		if (annotation == null || annotation.upstream().length == 0) {
			return null;
		}
		return new FakeUpstreamContextCustomizer(new TreeSet<>(Arrays.asList(annotation.upstream())));
	}

	/**
	 * Registers the upstream; equal for equal properties, so that contexts stay cached.
	 */
	private record FakeUpstreamContextCustomizer(Set<String> properties) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FakeUpstream upstream = FakeUpstream.start();
			Map<String, Object> urls = new LinkedHashMap<>();
			this.properties.forEach((property) -> urls.put(property, upstream.baseUrl()));
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("collectorTestUpstream", urls));
			context.getBeanFactory().registerSingleton("collectorTestUpstream", upstream);
			context.addApplicationListener((event) -> {
				if (event instanceof org.springframework.context.event.ContextClosedEvent closed
						&& closed.getApplicationContext() == context) {
					upstream.close();
				}
			});
		}

	}

}
