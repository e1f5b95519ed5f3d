package dev.collector.web;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;

/**
 * Creates springdoc's beans (the OpenAPI description, Swagger UI) when
 * {@code /v3/api-docs} or {@code /swagger-ui} is first asked for, not at start-up: they
 * cost about 0.3 s of every start, and a collector is started far more often (a one-shot
 * run every 15 minutes, a rolling update) than its API is read. Spring MVC maps the lazy
 * controllers by their type and creates them at their first request; listeners, lifecycle
 * and {@link SmartInitializingSingleton} beans stay eager, as with Spring Boot's
 * {@code spring.main.lazy-initialization}. Switch off with
 * {@code collector.openapi.lazy=false}.
 */
class LazySpringDocPostProcessor implements BeanFactoryPostProcessor, Ordered {

	private static final String SPRINGDOC = "org.springdoc.";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (isSpringDoc(definition) && definition.isSingleton() && !definition.isLazyInit()
					&& !mustStayEager(beanFactory, name)) {
				definition.setLazyInit(true);
			}
		}
	}

	private static boolean isSpringDoc(BeanDefinition definition) {
		String className = definition.getBeanClassName();
		String factoryBean = definition.getFactoryBeanName();
		return (className != null && className.startsWith(SPRINGDOC))
				|| (factoryBean != null && factoryBean.startsWith(SPRINGDOC))
				|| (definition.getResolvableType().resolve() != null
						&& definition.getResolvableType().toClass().getName().startsWith(SPRINGDOC));
	}

	private static boolean mustStayEager(ConfigurableListableBeanFactory beanFactory, String name) {
		Class<?> type = beanFactory.getType(name, false);
		return type == null || SmartInitializingSingleton.class.isAssignableFrom(type)
				|| ApplicationListener.class.isAssignableFrom(type) || SmartLifecycle.class.isAssignableFrom(type)
				|| BeanFactoryPostProcessor.class.isAssignableFrom(type)
				|| org.springframework.beans.factory.config.BeanPostProcessor.class.isAssignableFrom(type);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
