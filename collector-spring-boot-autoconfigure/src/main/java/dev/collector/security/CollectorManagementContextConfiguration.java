package dev.collector.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import dev.collector.config.CollectorProperties;

/**
 * The guard filter on a management server of its own ({@code management.server.port}):
 * that child context registers only its own filters, so Actuator's POSTs there would
 * otherwise skip the guard's early decision and body limit. The token decision on the
 * resolved handler ({@link ProtectedHandlerInterceptor}) reaches the child context by
 * itself, as its handler mappings pick up the parent's {@code MappedInterceptor}s.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ApiTokenAuthorizer.class)
class CollectorManagementContextConfiguration {

	@Bean
	FilterRegistrationBean<CollectorRequestGuardFilter> collectorRequestGuardFilter(ApiTokenAuthorizer authorizer,
			CollectorProperties properties, ObjectProvider<SpringSecurityAuthorization> springSecurity) {
		return CollectorSecurityAutoConfiguration.guardFilter(authorizer, properties, springSecurity);
	}

}
