package dev.collector.collect;

import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The {@link Collector} that the beans of a collector's context serve. The per-collector
 * auto-configurations run only in a context that holds exactly one collector of its own
 * ({@link ConditionalOnCollector}): the application's context when it declares one, else
 * the child context of each collector. Only the context's own beans count: a child's
 * parent holds every collector.
 */
public final class SingleCollector {

	private SingleCollector() {
	}

	/**
	 * The collector of the context.
	 * @param beanFactory the context's own bean factory
	 * @return its one collector
	 * @throws IllegalStateException when it holds none or several
	 */
	public static Collector<?> of(ListableBeanFactory beanFactory) {
		@SuppressWarnings("rawtypes")
		Map<String, Collector> own = beanFactory.getBeansOfType(Collector.class);
		if (own.size() != 1) {
			throw new IllegalStateException("Expected one Collector in this context, found " + own.keySet());
		}
		return own.values().iterator().next();
	}

}
