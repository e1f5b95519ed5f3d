package dev.collector.test;

import java.util.Set;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.autoconfigure.filter.StandardAnnotationCustomizableTypeExcludeFilter;

import dev.collector.collect.CollectionObserver;
import dev.collector.collect.Collector;
import dev.collector.collect.RecordProcessor;
import dev.collector.collect.RecordValidator;

/**
 * The {@link TypeExcludeFilter} of a {@link CollectorTest}: of the application's
 * components, only collectors, record processors, validators, observers and
 * {@code @ConfigurationProperties} classes (a collector's settings) are scanned, plus
 * what {@link CollectorTest#includeFilters()} adds.
 */
public final class CollectorTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<CollectorTest> {

	private static final Set<Class<?>> DEFAULT_INCLUDES = Set.of(Collector.class, RecordProcessor.class,
			RecordValidator.class, CollectionObserver.class, ConfigurationProperties.class);

	CollectorTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getDefaultIncludes() {
		return DEFAULT_INCLUDES;
	}

}
