package dev.collector.benchmarks.startup.ready;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
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
		String trace = System.getProperty("bench.startup-trace");
		if (trace != null) {
			Map<Long, StartupStep> byId = events.stream()
				.collect(Collectors.toMap((event) -> event.getStartupStep().getId(), TimelineEvent::getStartupStep));
			events.stream().filter((event) -> describe(event.getStartupStep()).contains(trace)).forEach((event) -> {
				StringBuilder chain = new StringBuilder(describe(event.getStartupStep()));
				for (Long parent = event.getStartupStep().getParentId(); parent != null
						&& byId.containsKey(parent); parent = byId.get(parent).getParentId()) {
					chain.append(" <- ").append(describe(byId.get(parent)));
				}
				System.out.println("TRACE " + chain);
			});
		}
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

	/** The application context's bean definitions, counted per package of their type. */
	static void printBeans(ConfigurableApplicationContext context) {
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		System.out.println("BEANS " + beans.getBeanDefinitionCount());
		printCounts("BEANS", Arrays.stream(beans.getBeanDefinitionNames()).map((name) -> {
			Class<?> type = beans.getType(name, false);
			return (type != null) ? firstParts(type.getPackageName(), "\\.", 4) : "?";
		}));
	}

	/** The conditions evaluated at start-up, counted per package, matched or not. */
	static void printConditions(ConfigurableApplicationContext context) {
		Map<String, ConditionAndOutcomes> bySource = ConditionEvaluationReport.get(context.getBeanFactory())
			.getConditionAndOutcomesBySource();
		System.out.println("CONDITIONS " + bySource.size());
		printCounts("CONDITIONS",
				bySource.entrySet()
					.stream()
					.map((entry) -> firstParts(entry.getKey(), "[.#$]", 4)
							+ (entry.getValue().isFullMatch() ? " matched" : " skipped")));
	}

	/** How often each key occurs, the most frequent first, one line each. */
	private static void printCounts(String label, Stream<String> keys) {
		keys.collect(Collectors.groupingBy((key) -> key, Collectors.counting()))
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> System.out.printf(Locale.ROOT, "%s %5d %s%n", label, entry.getValue(), entry.getKey()));
	}

	/** The first parts of a name, joined with dots. */
	private static String firstParts(String name, String separators, int count) {
		String[] parts = name.split(separators);
		return String.join(".", Arrays.copyOf(parts, Math.min(parts.length, count)));
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
		return firstParts(qualified, "\\.", 5);
	}

}
