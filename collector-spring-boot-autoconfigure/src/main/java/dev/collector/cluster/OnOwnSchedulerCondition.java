package dev.collector.cluster;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless an ancestor context holds the scheduler that several collectors share
 * ({@link SharedClusterTasks}): a collector's context then builds no scheduler of its
 * own. A context without a parent (one collector) always matches.
 */
class OnOwnSchedulerCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		BeanFactory parent = (context.getBeanFactory() != null) ? context.getBeanFactory().getParentBeanFactory()
				: null;
		if (!(parent instanceof ListableBeanFactory ancestors)) {
			return true;
		}
		// bean definitions only: the shared scheduler is built after the collectors'
		// contexts
		return BeanFactoryUtils.beanNamesForTypeIncludingAncestors(ancestors, SharedClusterTasks.class, true,
				false).length == 0;
	}

}
