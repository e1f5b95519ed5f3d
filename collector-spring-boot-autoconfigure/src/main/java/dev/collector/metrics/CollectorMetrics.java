package dev.collector.metrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopTimer;

/**
 * The easy way for a collector author to add metrics: every meter is named
 * {@code <prefix>_<name>} and tagged {@code collector=<name>}; names and label keys are
 * checked against the Prometheus rules when the meter is declared (an
 * {@link IllegalArgumentException} that says what to change), a description is required
 * (it becomes the {@code # HELP} line), and each metric keeps at most
 * {@code collector.metrics.max-label-sets} label sets. <pre>{@code
 * MeterFamily<Counter> fetched = metrics.counter("items_fetched", "Items read from the feed", "feed");
 * fetched.labels("bbc").increment();
 * }</pre> Meters this class registers itself:
 * <ul>
 * <li>{@code <prefix>_metrics_dropped_label_sets_total{metric}}: label sets refused
 * because their metric had reached the cap</li>
 * </ul>
 * Using the {@link MeterRegistry} directly stays possible; this facade is a convenience.
 */
public class CollectorMetrics {

	private final MeterRegistry registry;

	private final String prefix;

	private final Tags collectorTags;

	private final int maxLabelSets;

	private final Map<String, Declared> declared = new ConcurrentHashMap<>();

	public CollectorMetrics(MeterRegistry registry, String prefix, String collectorName, int maxLabelSets) {
		if (maxLabelSets < 1) {
			throw new IllegalArgumentException("maxLabelSets must be at least 1");
		}
		this.registry = registry;
		this.prefix = prefix;
		this.collectorTags = Tags.of("collector", collectorName);
		this.maxLabelSets = maxLabelSets;
	}

	/**
	 * A counter, exported as {@code <prefix>_<name>_total}.
	 * @param name lower-case with '_', without the {@code _total} suffix
	 * @param description the help text
	 * @param labelKeys the label keys, possibly none
	 * @return the metric; {@code labels(values...)} gives the counter of a label set
	 */
	public MeterFamily<Counter> counter(String name, String description, String... labelKeys) {
		return declare(name, description, "counter", labelKeys,
				(tags) -> Counter.builder(meterName(name)).description(description).tags(tags).register(this.registry),
				new NoopCounter(droppedId(name, Meter.Type.COUNTER)));
	}

	/**
	 * A gauge whose values the author sets, exported as {@code <prefix>_<name>}.
	 * @param name lower-case with '_'
	 * @param description the help text
	 * @param labelKeys the label keys, possibly none
	 * @return the metric; {@code labels(values...)} gives the value of a label set
	 */
	public MeterFamily<GaugeValue> gauge(String name, String description, String... labelKeys) {
		return declare(name, description, "gauge", labelKeys, (tags) -> {
			GaugeValue value = new GaugeValue();
			Gauge.builder(meterName(name), value, GaugeValue::get)
				.description(description)
				.tags(tags)
				.strongReference(true)
				.register(this.registry);
			return value;
		}, new GaugeValue());
	}

	/**
	 * A gauge without labels that reads its value when scraped.
	 * @param name lower-case with '_'
	 * @param description the help text
	 * @param value read at every scrape
	 */
	public void gauge(String name, String description, Supplier<Number> value) {
		Objects.requireNonNull(value, "value");
		declare(name, description, "gauge", new String[0],
				(tags) -> Gauge.builder(meterName(name), value)
					.description(description)
					.tags(tags)
					.strongReference(true)
					.register(this.registry),
				null)
			.labels();
	}

	/**
	 * A timer, exported as {@code <prefix>_<name>_seconds} (count, sum, max) with
	 * histogram buckets so quantiles can be computed across instances.
	 * @param name lower-case with '_', without the {@code _seconds} suffix
	 * @param description the help text
	 * @param labelKeys the label keys, possibly none
	 * @return the metric; {@code labels(values...)} gives the timer of a label set
	 */
	public MeterFamily<Timer> timer(String name, String description, String... labelKeys) {
		return declare(name, description, "timer", labelKeys,
				(tags) -> Timer.builder(meterName(name))
					.description(description)
					.tags(tags)
					.publishPercentileHistogram()
					.register(this.registry),
				new NoopTimer(droppedId(name, Meter.Type.TIMER)));
	}

	/**
	 * A distribution summary of amounts (sizes, counts per item), exported as
	 * {@code <prefix>_<name>} (count, sum, max), without buckets.
	 * @param name lower-case with '_'
	 * @param description the help text
	 * @param baseUnit the unit, appended to the name by the registry (e.g. "bytes"), or
	 * {@code null}
	 * @param labelKeys the label keys, possibly none
	 * @return the metric; {@code labels(values...)} gives the summary of a label set
	 */
	public MeterFamily<DistributionSummary> summary(String name, String description, String baseUnit,
			String... labelKeys) {
		return declare(name, description, "summary", labelKeys,
				(tags) -> DistributionSummary.builder(meterName(name))
					.description(description)
					.baseUnit(baseUnit)
					.tags(tags)
					.register(this.registry),
				new NoopDistributionSummary(droppedId(name, Meter.Type.DISTRIBUTION_SUMMARY)));
	}

	/**
	 * A histogram with the given bucket bounds, exported as
	 * {@code <prefix>_<name>_bucket}, {@code _count} and {@code _sum}.
	 * @param name lower-case with '_'
	 * @param description the help text
	 * @param buckets upper bounds of the buckets, at least one
	 * @param labelKeys the label keys, possibly none
	 * @return the metric; {@code labels(values...)} gives the histogram of a label set
	 */
	public MeterFamily<DistributionSummary> histogram(String name, String description, double[] buckets,
			String... labelKeys) {
		if (buckets == null || buckets.length == 0) {
			throw new IllegalArgumentException("Histogram '" + name + "' needs at least one bucket bound");
		}
		double[] bounds = buckets.clone();
		return declare(name, description, "histogram", labelKeys,
				(tags) -> DistributionSummary.builder(meterName(name))
					.description(description)
					.serviceLevelObjectives(bounds)
					.tags(tags)
					.register(this.registry),
				new NoopDistributionSummary(droppedId(name, Meter.Type.DISTRIBUTION_SUMMARY)));
	}

	@SuppressWarnings("unchecked")
	private <M> MeterFamily<M> declare(String name, String description, String kind, String[] labelKeys,
			Function<Tags, M> create, M dropped) {
		MetricNames.checkName(name);
		MetricNames.checkDescription(name, description);
		List<String> keys = List.of(labelKeys);
		MetricNames.checkLabelKeys(name, keys);
		Declared existing = this.declared.computeIfAbsent(name,
				(n) -> new Declared(kind, keys, new MeterFamily<>(n, keys, this.maxLabelSets,
						(tags) -> create.apply(this.collectorTags.and(tags)), dropped, droppedLabelSets(n))));
		if (!existing.kind.equals(kind) || !existing.labelKeys.equals(keys)) {
			throw new IllegalArgumentException("Metric '" + name + "' is already declared as a " + existing.kind
					+ " with labels " + existing.labelKeys + "; a metric has one type and one set of labels");
		}
		return (MeterFamily<M>) existing.family;
	}

	private Counter droppedLabelSets(String metric) {
		return Counter.builder(this.prefix + ".metrics.dropped.label.sets")
			.description("Label sets refused because their metric reached collector.metrics.max-label-sets")
			.tags(this.collectorTags)
			.tag("metric", metric)
			.register(this.registry);
	}

	private Meter.Id droppedId(String name, Meter.Type type) {
		return new Meter.Id(meterName(name), this.collectorTags, null, null, type);
	}

	private String meterName(String name) {
		return this.prefix + "." + name;
	}

	private record Declared(String kind, List<String> labelKeys, MeterFamily<?> family) {
	}

}
