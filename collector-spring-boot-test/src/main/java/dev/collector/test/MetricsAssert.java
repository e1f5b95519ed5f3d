package dev.collector.test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the meters of a {@link MeterRegistry}, by name and tags:
 * <pre class="code">
 * assertThatMetrics(registry).counter("collector.records.processed").withTag("operation", "insert").hasCount(5);
 * </pre>
 */
public class MetricsAssert extends AbstractAssert<MetricsAssert, MeterRegistry> {

	MetricsAssert(MeterRegistry registry) {
		super(registry, MetricsAssert.class);
	}

	/**
	 * The counter of a name; narrow it with {@link MeterAssert#withTag}.
	 * @param name the meter name, e.g. {@code collector.records.processed}
	 * @return assertions on it
	 */
	public MeterAssert counter(String name) {
		isNotNull();
		return new MeterAssert(this.actual, name, MeterKind.COUNTER);
	}

	/**
	 * The timer of a name.
	 * @param name the meter name, e.g. {@code collector.collection.duration}
	 * @return assertions on it
	 */
	public MeterAssert timer(String name) {
		isNotNull();
		return new MeterAssert(this.actual, name, MeterKind.TIMER);
	}

	/**
	 * The gauge of a name.
	 * @param name the meter name, e.g. {@code collector.up}
	 * @return assertions on it
	 */
	public MeterAssert gauge(String name) {
		isNotNull();
		return new MeterAssert(this.actual, name, MeterKind.GAUGE);
	}

	enum MeterKind {

		COUNTER, TIMER, GAUGE

	}

	/**
	 * Assertions on the meters of one name whose tags include the given ones. Counts and
	 * values are summed over the matching meters, so a partial set of tags asserts on the
	 * total.
	 */
	public static final class MeterAssert {

		private final MeterRegistry registry;

		private final String name;

		private final MeterKind kind;

		private final List<Tag> tags = new ArrayList<>();

		MeterAssert(MeterRegistry registry, String name, MeterKind kind) {
			this.registry = registry;
			this.name = name;
			this.kind = kind;
		}

		public MeterAssert withTag(String key, String value) {
			this.tags.add(Tag.of(key, value));
			return this;
		}

		/**
		 * The counters' total, or the timers' count of recordings, is this.
		 * @param expected the expected count
		 * @return this
		 */
		public MeterAssert hasCount(double expected) {
			double actual = switch (this.kind) {
				case COUNTER -> search().meters().stream().mapToDouble(MeterAssert::counted).sum();
				case TIMER -> search().timers().stream().mapToDouble(Timer::count).sum();
				case GAUGE -> throw new AssertionError("A gauge has a value, not a count: use hasValue");
			};
			exists();
			if (Double.compare(actual, expected) != 0) {
				throw new AssertionError(describe() + " expected count " + expected + " but was " + actual);
			}
			return this;
		}

		/**
		 * The gauge's value (summed over matching gauges) is this.
		 * @param expected the expected value
		 * @return this
		 */
		public MeterAssert hasValue(double expected) {
			exists();
			double actual = search().gauges().stream().mapToDouble(Gauge::value).sum();
			if (Double.compare(actual, expected) != 0) {
				throw new AssertionError(describe() + " expected value " + expected + " but was " + actual);
			}
			return this;
		}

		/**
		 * At least one meter matches.
		 * @return this
		 */
		public MeterAssert exists() {
			if (search().meters().isEmpty()) {
				throw new AssertionError("No " + describe() + "; meters of that name: " + sameName());
			}
			return this;
		}

		/**
		 * No meter matches.
		 */
		public void doesNotExist() {
			if (!search().meters().isEmpty()) {
				throw new AssertionError("Expected no " + describe() + " but found "
						+ search().meters()
							.stream()
							.map((meter) -> meter.getId().toString())
							.collect(Collectors.joining(", ")));
			}
		}

		private Search search() {
			return this.registry.find(this.name).tags(this.tags);
		}

		private String describe() {
			return this.kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + this.name + "' with tags " + this.tags;
		}

		private String sameName() {
			return this.registry.find(this.name)
				.meters()
				.stream()
				.map((meter) -> meter.getId().getTags().toString())
				.collect(Collectors.joining(", ", "[", "]"));
		}

		private static double counted(Meter meter) {
			if (meter instanceof Counter counter) {
				return counter.count();
			}
			if (meter instanceof FunctionCounter counter) {
				return counter.count();
			}
			throw new AssertionError(meter.getId() + " is not a counter");
		}

	}

}
