package dev.collector.collectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The initializers Spring AOT generated at build time for the collectors' contexts, by
 * collector name: with them, a collector's context registers the bean definitions the
 * build found instead of parsing its configuration classes and evaluating their
 * conditions again. The code generated for the application's context registers this bean
 * ({@link CollectorContextsAotProcessor}); without AOT there is none. Public for that
 * generated code only.
 */
public final class CollectorContextInitializers {

	/** Name of the bean the generated code registers. */
	public static final String BEAN_NAME = "collectorContextInitializers";

	private final Map<String, ApplicationContextInitializer<GenericApplicationContext>> byCollector = new LinkedHashMap<>();

	/**
	 * Add the initializer of a collector's context.
	 * @param collector the collector's name
	 * @param initializer what Spring AOT generated for its context
	 * @return this
	 */
	public CollectorContextInitializers add(String collector,
			ApplicationContextInitializer<GenericApplicationContext> initializer) {
		this.byCollector.put(collector, initializer);
		return this;
	}

	/**
	 * The initializer of a collector's context.
	 * @param collector the collector's name
	 * @return its initializer, or {@code null} when the build generated none
	 */
	ApplicationContextInitializer<GenericApplicationContext> get(String collector) {
		return this.byCollector.get(collector);
	}

	/**
	 * The collectors that have an initializer.
	 * @return their names
	 */
	Set<String> collectors() {
		return Collections.unmodifiableSet(this.byCollector.keySet());
	}

}
