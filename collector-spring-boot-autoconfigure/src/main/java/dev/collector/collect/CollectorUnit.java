package dev.collector.collect;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;

/**
 * One collector and the beans that serve it alone: its pipeline, runner, checkpoint,
 * ledger, schedule, health, metrics and endpoints.
 *
 * @param name the collector's name
 * @param collector the author's collector
 * @param context the context that holds its beans: the application's context with a
 * single collector, its child context with several
 */
public record CollectorUnit(String name, Collector<?> collector, ApplicationContext context) {

	/**
	 * The bean of that type that serves this collector: the one of its own context before
	 * one the application shares with all collectors.
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the bean, empty when there is none or no single one
	 */
	public <T> Optional<T> find(Class<T> type) {
		ObjectProvider<T> provider = this.context.getBeanProvider(type);
		return Optional.ofNullable(provider.getIfUnique());
	}

	/**
	 * The bean of that type that serves this collector.
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the bean
	 * @throws IllegalStateException when the collector has none
	 */
	public <T> T get(Class<T> type) {
		return find(type).orElseThrow(() -> new IllegalStateException(
				"Collector '" + this.name + "' has no single bean of type " + type.getName()));
	}

	@Override
	public String toString() {
		return "collector '" + this.name + "'";
	}

}
