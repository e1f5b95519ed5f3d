package dev.collector.collect;

import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.collector.collect.ConditionalOnCollector.Cardinality;

/**
 * Counts the {@link Collector} beans that a context holds of its own (its parent's do not
 * count), for {@link ConditionalOnCollector}. Like {@code @ConditionalOnBean}, it is
 * evaluated when beans are registered, after the application's own configuration.
 */
class OnCollectorCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnCollector.class.getName());
		Cardinality wanted = (attributes != null) ? (Cardinality) attributes.get("value") : Cardinality.ONE;
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		int count = (beanFactory != null) ? beanFactory.getBeanNamesForType(Collector.class, true, false).length : 0;
		boolean matches = (wanted == Cardinality.ONE) ? count == 1 : count > 1;
		String message = "@ConditionalOnCollector(" + wanted + ") found " + count + " Collector bean(s) of its own";
		return matches ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
