package dev.collector.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * The auto-configurations of a {@link CollectorTest}: data source, SQL initialization,
 * JDBC, validation, Jackson, the collector's own (minus web and health) and the test
 * additions. The list is in
 * {@code META-INF/spring/dev.collector.test.AutoConfigureCollector.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureCollector {

}
