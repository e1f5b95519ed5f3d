package dev.collector.collect;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that serves one collector (its collect, backfill, coverage, status,
 * data quality... endpoints), as opposed to one that serves the whole application (logs,
 * metrics, the status page). Every such controller of a collector also answers under
 * {@code /collectors/<name>}, and, with several collectors, on the path without the
 * prefix for the default collector or the one {@code ?collector=<name>} names. A
 * controller that the application declares to replace one of ours keeps the annotation by
 * extending ours, or carries it itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface CollectorEndpoint {

}
