package dev.collector.collectors;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a collector's own context holds: the starter's per-collector auto-configurations,
 * listed in
 * {@code META-INF/spring/dev.collector.collectors.CollectorContextConfiguration.imports}
 * and ordered as auto-configurations are. Each backs off, as in the application's
 * context, where the application (or the collector's {@link CollectorSpecification})
 * declares its own bean. The database initialization order of Spring Boot applies here
 * too: the collector's tables exist before the beans that read them.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration
@Import(DatabaseInitializationDependencyConfigurer.class)
class CollectorContextConfiguration {

}
