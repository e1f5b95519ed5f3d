package dev.collector.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorProperties;

/**
 * Protection of the collector's mutating endpoints: a bearer token
 * ({@code collector.security.api-token}) or loopback-only callers, and a body size limit.
 * The guard runs as a servlet filter ahead of Spring Security's chain, so it holds whether
 * or not the application uses Spring Security.
 */
@AutoConfiguration(after = CollectorAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Collector.class)
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
			CollectorProperties properties) {
		FilterRegistrationBean<CollectorRequestGuardFilter> registration = new FilterRegistrationBean<>(
				new CollectorRequestGuardFilter(authorizer, properties.getSecurity().getMaxBodySize().toBytes()));
		registration.setOrder(GUARD_FILTER_ORDER);
		registration.setName("collectorRequestGuardFilter");
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	SecretMasker collectorSecretMasker() {
		return new SecretMasker();
	}

}
