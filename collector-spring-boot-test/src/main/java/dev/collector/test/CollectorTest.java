package dev.collector.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.autoconfigure.filter.TypeExcludeFilters;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.MutableClock;

/**
 * A test slice of the collector: only the collector machinery starts (pipeline, runner,
 * JDBC sink, checkpoints, quarantine, run history, metrics), over an embedded database,
 * with the application's {@code Collector}, its record type, record processors and
 * validators. No web server, no schedule, an in-memory meter registry and a
 * {@link MutableClock} the test moves. Inject {@link CollectorTester} to run collections.
 * <p>
 * Every test method starts from a clean collector although the context is shared (it is
 * not transactional: the runs commit): before each one the record table and the
 * framework's tables are emptied, the clock is set back to its start, the meters count
 * from zero and the circuit breaker is closed ({@link CollectorTester#reset()}).
 * {@code resetState = false} keeps the state from one test to the next.
 * <p>
 * For a real database, add {@code @AutoConfigureTestDatabase(replace = Replace.NONE)} and
 * {@link CollectorTestDatabase}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(CollectorTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(CollectorTypeExcludeFilter.class)
@AutoConfigureTestDatabase
@AutoConfigureCollector
@ImportAutoConfiguration
public @interface CollectorTest {

	/**
	 * Properties in {@code key=value} form added to the environment before the test runs.
	 * {@code collector.schedule.enabled=false} is always among them: a test triggers the
	 * schedule with {@link CollectorTester#triggerSchedule()}.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * The collector under test, by its bean name, in an application with several
	 * collectors: the test's context holds that collector only, served as an application
	 * with a single collector is, named so and with its
	 * {@code collector.collectors.<name>.*} overrides applied; the other collectors,
	 * their beans, runs and schedules are left out ({@link CollectorSelection}). Empty
	 * with a single collector; with several, empty selects the default collector
	 * ({@code collector.default-collector} or the {@code @Primary} one), and without one
	 * the test fails at start-up listing them.
	 * @return the collector's bean name, empty for the only one
	 */
	String collector() default "";

	/**
	 * Properties to point at a {@link FakeUpstream} started for the test context, e.g.
	 * {@code upstream = "fx.url"}: each is set to its base URL, and the test injects the
	 * {@code FakeUpstream} bean to script it. It is reset (routes and recorded requests)
	 * with the collector before every test method and closed with the context.
	 * @return the properties, none for no fake upstream
	 */
	String[] upstream() default {};

	/**
	 * Whether to reset the collector's state ({@link CollectorTester#reset()}) before
	 * every test method.
	 * @return whether each test starts from a clean collector
	 */
	boolean resetState() default true;

	/**
	 * Whether the default filters (collectors, processors, validators, observers) apply
	 * to component scanning.
	 * @return whether they apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * More components to scan.
	 * @return include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Components not to scan.
	 * @return exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configurations to leave out.
	 * @return the classes
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
