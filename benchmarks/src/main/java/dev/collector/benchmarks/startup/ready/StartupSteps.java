package dev.collector.benchmarks.startup.ready;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * Where a start-up went: the steps Spring recorded ({@code BufferingApplicationStartup}),
 * each with its own time (its duration less its children's), the slowest first, and the
 * own time summed per auto-configuration or bean package. A bean's instantiation step
 * includes the beans it pulled in, so only the own time says which one was slow.
 */
final class StartupSteps {

	private StartupSteps() {
	}

	static void print(StartupTimeline timeline, int limit) {
		List<TimelineEvent> events = timeline.getEvents();
		Map<Long, Duration> children = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				children.merge(parent, event.getDuration(), Duration::plus);
			}
		}
		record Own(String name, long millis) {
		}
		List<Own> own = events.stream()
			.map((event) -> new Own(describe(event.getStartupStep()),
					event.getDuration()
						.minus(children.getOrDefault(event.getStartupStep().getId(), Duration.ZERO))
						.toMillis()))
			.toList();
		System.out.println("STEPS slowest own time (ms):");
		own.stream()
			.sorted(Comparator.comparingLong(Own::millis).reversed())
			.limit(limit)
			.forEach((step) -> System.out.printf(Locale.ROOT, "STEP %6d %s%n", step.millis(), step.name()));
		System.out.println("STEPS own time per package (ms):");
		own.stream()
			.collect(Collectors.groupingBy((step) -> packageOf(step.name()), Collectors.summingLong(Own::millis)))
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> System.out.printf(Locale.ROOT, "PACKAGE %6d %s%n", entry.getValue(), entry.getKey()));
	}

	private static String describe(StartupStep step) {
		String tags = StreamSupport.stream(step.getTags().spliterator(), false)
			.filter((tag) -> tag.getKey().equals("beanName") || tag.getKey().equals("beanType")
					|| tag.getKey().equals("listener") || tag.getKey().equals("postProcessor"))
			.map(StartupStep.Tag::getValue)
			.collect(Collectors.joining(" "));
		return step.getName() + " " + tags;
	}

	private static String packageOf(String description) {
		String[] words = description.split(" ");
		String subject = (words.length > 1) ? words[words.length - 1] : words[0];
		int lastDot = subject.lastIndexOf('.');
		String qualified = (lastDot > 0) ? subject.substring(0, lastDot) : words[0];
		String[] parts = qualified.split("\\.");
		return String.join(".", java.util.Arrays.copyOf(parts, Math.min(parts.length, 5)));
	}

}
