package dev.collector.security;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorProperties;

/**
 * Protection of the collector's mutating endpoints: a bearer token
 * ({@code collector.security.api-token}) or loopback-only callers, and a body size limit.
 * The guard runs as a servlet filter ahead of any Spring Security chain. When the
 * application uses Spring Security, {@link CollectorSpringSecurityConfiguration} adds a
 * chain for the collector's endpoints that makes the token decision inside Spring
 * Security.
 */
@AutoConfiguration(after = CollectorAutoConfiguration.class,
		// after Boot's default chains are decided, so that ours does not make them back
		// off
		afterName = { "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Collector.class)
@Import(CollectorSpringSecurityConfiguration.class)
public class CollectorSecurityAutoConfiguration {

	/** Ahead of Spring Security's filter chain (-100). */
	static final int GUARD_FILTER_ORDER = -110;

	@Bean
	@ConditionalOnMissingBean
	ApiTokenAuthorizer collectorApiTokenAuthorizer(CollectorProperties properties) {
		return new ApiTokenAuthorizer(properties.getSecurity().getApiToken(),
				properties.getSecurity().getProtectedPaths());
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorRequestGuardFilter")
	FilterRegistrationBean<CollectorRequestGuardFilter> collectorRequestGuardFilter(ApiTokenAuthorizer authorizer,
			CollectorProperties properties, BeanFactory beanFactory) {
		// with the collector's Spring Security chain in place, it decides on the token
		// for the
		// collector's own endpoints; the guard keeps the body limit and the other paths
		boolean springSecurity = beanFactory.containsBean(CollectorSpringSecurityConfiguration.CHAIN_BEAN_NAME);
		FilterRegistrationBean<CollectorRequestGuardFilter> registration = new FilterRegistrationBean<>(
				new CollectorRequestGuardFilter(authorizer, properties.getSecurity().getMaxBodySize().toBytes(),
						(request) -> springSecurity && CollectorEndpointPaths.matches(request)));
		registration.setOrder(GUARD_FILTER_ORDER);
		registration.setName("collectorRequestGuardFilter");
		return registration;
	}

}
