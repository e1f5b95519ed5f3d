package dev.collector.test;

import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.TestContextBootstrapper;

/**
 * The {@link TestContextBootstrapper} of a {@link CollectorTest}: it passes the
 * annotation's {@code properties} to the environment, after turning the schedule off.
 */
class CollectorTestContextBootstrapper extends SpringBootTestContextBootstrapper {

	@Override
	protected String[] getProperties(Class<?> testClass) {
		String[] declared = MergedAnnotations.from(testClass, SearchStrategy.INHERITED_ANNOTATIONS)
			.get(CollectorTest.class)
			.getValue("properties", String[].class)
			.orElse(new String[0]);
		// first, so that a test may still turn the schedule on explicitly
		String[] properties = new String[declared.length + 1];
		properties[0] = "collector.schedule.enabled=false";
		System.arraycopy(declared, 0, properties, 1, declared.length);
		return properties;
	}

}
