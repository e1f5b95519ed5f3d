package dev.collector.security;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.handler.MappedInterceptor;

import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.CollectorProperties;

/**
 * Protection of the collector's mutating endpoints: a bearer token
 * ({@code collector.security.api-token}) or loopback-only callers, and a body size limit,
 * decided twice: by {@link CollectorRequestGuardFilter} ahead of everything (Spring
 * Security included) on the path as the dispatcher will match it, and by
 * {@link ProtectedHandlerInterceptor} on the handler the dispatcher resolved, in the
 * application's context and in a separate management context. When the application uses
 * Spring Security, {@link CollectorSpringSecurityConfiguration} adds a chain for the
 * collector's endpoints that makes the token decision inside Spring Security. The
 * collector's answers get security headers ({@link CollectorSecurityHeaders}). See
 * docs/security.md.
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

	static final String GUARD_FILTER_BEAN_NAME = "collectorRequestGuardFilter";

	@Bean
	@ConditionalOnMissingBean
	ApiTokenAuthorizer collectorApiTokenAuthorizer(CollectorProperties properties, Environment environment,
			ListableBeanFactory beanFactory) {
		String apiToken = properties.getSecurity().getApiToken();
		LoopbackOnlyBehindProxyException.check(apiToken, environment, beanFactory);
		return new ApiTokenAuthorizer(apiToken, properties.getSecurity().getProtectedPaths());
	}

	@Bean
	@ConditionalOnMissingBean(name = GUARD_FILTER_BEAN_NAME)
	FilterRegistrationBean<CollectorRequestGuardFilter> collectorRequestGuardFilter(ApiTokenAuthorizer authorizer,
			CollectorProperties properties, ObjectProvider<SpringSecurityAuthorization> springSecurity) {
		return guardFilter(authorizer, properties, springSecurity);
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorProtectedHandlerInterceptor")
	MappedInterceptor collectorProtectedHandlerInterceptor(ApiTokenAuthorizer authorizer,
			CollectorProperties properties, ObjectProvider<SpringSecurityAuthorization> springSecurity) {
		// no path patterns: every handler of every mapping, the decision is inside
		return new MappedInterceptor(null, new ProtectedHandlerInterceptor(authorizer,
				properties.getSecurity().getMaxBodySize().toBytes(), springSecurity(springSecurity)));
	}

	@Bean
	@ConditionalOnMissingBean(name = "collectorSecurityHeadersInterceptor")
	MappedInterceptor collectorSecurityHeadersInterceptor() {
		return new MappedInterceptor(null, new CollectorSecurityHeaders());
	}

	/**
	 * The guard filter, for the application's server and for a management server of its
	 * own.
	 */
	static FilterRegistrationBean<CollectorRequestGuardFilter> guardFilter(ApiTokenAuthorizer authorizer,
			CollectorProperties properties, ObjectProvider<SpringSecurityAuthorization> springSecurity) {
		FilterRegistrationBean<CollectorRequestGuardFilter> registration = new FilterRegistrationBean<>(
				new CollectorRequestGuardFilter(authorizer, properties.getSecurity().getMaxBodySize().toBytes(),
						springSecurity(springSecurity)));
		registration.setOrder(GUARD_FILTER_ORDER);
		registration.setName(GUARD_FILTER_BEAN_NAME);
		return registration;
	}

	private static SpringSecurityAuthorization springSecurity(ObjectProvider<SpringSecurityAuthorization> provider) {
		return provider.getIfAvailable(() -> SpringSecurityAuthorization.NONE);
	}

}
