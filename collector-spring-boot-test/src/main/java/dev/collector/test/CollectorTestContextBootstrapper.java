package dev.collector.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.core.annotation.MergedAnnotation;
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
		MergedAnnotation<CollectorTest> annotation = MergedAnnotations
			.from(testClass, SearchStrategy.INHERITED_ANNOTATIONS)
			.get(CollectorTest.class);
		String[] declared = annotation.getValue("properties", String[].class).orElse(new String[0]);
		String collector = annotation.getValue("collector", String.class).orElse("");
		List<String> properties = new ArrayList<>();
		// first, so that a test may still turn the schedule on explicitly
		properties.add("collector.schedule.enabled=false");
		if (!collector.isBlank()) {
			properties.add(CollectorSelection.PROPERTY + "=" + collector.trim());
		}
		properties.addAll(List.of(declared));
		return properties.toArray(new String[0]);
	}

}
