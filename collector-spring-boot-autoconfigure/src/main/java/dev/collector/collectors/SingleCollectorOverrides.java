package dev.collector.collectors;

import java.util.List;
import java.util.function.Function;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.validation.BeanPropertyBindingResult;

import dev.collector.config.CollectorProperties;

/**
 * With a single collector, binds {@code collector.collectors.<its name>.*} over
 * {@code collector.*}, so that configuration written for several collectors still applies
 * when only one is left; the properties are bound again (and this again) on every
 * refresh. Conditions on properties read {@code collector.*} only.
 */
class SingleCollectorOverrides implements BeanPostProcessor {

	private final Environment environment;

	private final Function<CollectorProperties, String> collectorName;

	SingleCollectorOverrides(Environment environment, Function<CollectorProperties, String> collectorName) {
		this.environment = environment;
		this.collectorName = collectorName;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof CollectorProperties properties) {
			if (CollectorOverrides.names(this.environment).isEmpty()) {
				return bean;
			}
			String name = this.collectorName.apply(properties);
			List<String> unknown = CollectorOverrides.unknownNames(this.environment, List.of(name));
			if (!unknown.isEmpty()) {
				throw new UnknownCollectorOverrideException(unknown, List.of(name));
			}
			Binder.get(this.environment).bind(CollectorOverrides.prefixOf(name), Bindable.ofInstance(properties));
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(properties, "collector");
			properties.validate(properties, errors);
			if (errors.hasErrors()) {
				throw new IllegalStateException("Invalid collector.collectors." + name + " overrides: "
						+ errors.getAllErrors().stream().map(Object::toString).toList());
			}
		}
		return bean;
	}

}
