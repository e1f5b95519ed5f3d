package dev.collector.collect;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches in a context that serves one collector: one that holds exactly one
 * {@link Collector} bean of its own, not counting its parent's. That is the application's
 * context when it declares a single collector, and the child context that the starter
 * creates for each collector when it declares several. The per-collector
 * auto-configurations (pipeline, sink, ledger, schedule, health, metrics...) carry it;
 * what all collectors share (the web layer's filters, security, logs, the database's
 * availability) uses {@code @ConditionalOnBean(Collector.class)} instead.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnCollectorCondition.class)
public @interface ConditionalOnCollector {

	/**
	 * How many collectors the application's context must hold of its own.
	 * @return {@link Cardinality#ONE} for the per-collector configuration,
	 * {@link Cardinality#SEVERAL} for what only several collectors need
	 */
	Cardinality value() default Cardinality.ONE;

	/**
	 * How many {@link Collector} beans a context holds of its own.
	 */
	enum Cardinality {

		/** Exactly one. */
		ONE,

		/** Two or more. */
		SEVERAL

	}

}
