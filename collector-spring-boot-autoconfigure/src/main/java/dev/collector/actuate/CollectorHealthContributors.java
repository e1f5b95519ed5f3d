package dev.collector.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorNameFactory;
import org.springframework.boot.actuate.health.HealthContributorRegistry;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;

/**
 * The health components of several collectors in the application's health endpoint. Each
 * collector's context holds its own contributors ({@code collectorHealthIndicator},
 * {@code collectorSourceHealthIndicator} and any other it declares), which Spring Boot's
 * endpoint, in the application's context, does not see. Each name becomes one composite
 * component with one child per collector, so {@code /actuator/health} shows
 * {@code components.collector.components.<name>}: a failing collector makes its own child
 * DOWN, and the aggregate shows it.
 * <p>
 * The probe groups stay as they are: readiness includes {@code readinessState} and
 * {@code db}, never these components, so a failing source or collector never takes the
 * instance out of service. A contributor of the application with the same name wins.
 */
public class CollectorHealthContributors implements BeanPostProcessor, BeanFactoryAware {

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HealthContributorRegistry registry) {
			// the registry, not a bean each: the names are those of the collectors'
			// contexts, known once they run; registered before the group membership is
			// validated (after all singletons)
			CollectorRegistry collectors = this.beanFactory.getBean(CollectorRegistry.class);
			of(collectors).forEach((name, contributor) -> {
				if (registry.getContributor(name) == null) {
					registry.registerContributor(name, contributor);
				}
			});
		}
		return bean;
	}

	/**
	 * The contributors of every collector's own context, by the name Spring Boot gives
	 * each bean, each a composite of one child per collector (in declaration order).
	 * @param collectors the collectors
	 * @return the composites by contributor name
	 */
	public static Map<String, CompositeHealthContributor> of(CollectorRegistry collectors) {
		Map<String, Map<String, HealthContributor>> byName = new LinkedHashMap<>();
		for (CollectorUnit unit : collectors.units()) {
			// the collector's own beans only, not those of the application
			unit.context()
				.getBeansOfType(HealthContributor.class)
				.forEach((beanName, contributor) -> byName
					.computeIfAbsent(HealthContributorNameFactory.INSTANCE.apply(beanName),
							(name) -> new LinkedHashMap<>())
					.put(unit.name(), contributor));
		}
		Map<String, CompositeHealthContributor> composites = new LinkedHashMap<>();
		byName.forEach((name, perCollector) -> composites.put(name, CompositeHealthContributor.fromMap(perCollector)));
		return composites;
	}

}
