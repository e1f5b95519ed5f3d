package dev.collector.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * One metric with its label keys; {@link #labels(String...)} gives the meter of one label
 * set. At most {@code maxLabelSets} label sets exist per metric: beyond that the values
 * are dropped (a meter that is not exported is returned) and the
 * {@code <prefix>_metrics_dropped_label_sets_total{metric}} counter goes up, so a label
 * fed from unbounded input (user ids, URLs) cannot exhaust Prometheus.
 *
 * @param <M> the meter type
 */
public final class MeterFamily<M> {

	private final String name;

	private final List<String> labelKeys;

	private final int maxLabelSets;

	private final Function<Tags, M> create;

	private final M dropped;

	private final Counter droppedLabelSets;

	private final Map<List<String>, M> meters = new ConcurrentHashMap<>();

	MeterFamily(String name, List<String> labelKeys, int maxLabelSets, Function<Tags, M> create, M dropped,
			Counter droppedLabelSets) {
		this.name = name;
		this.labelKeys = List.copyOf(labelKeys);
		this.maxLabelSets = maxLabelSets;
		this.create = create;
		this.dropped = dropped;
		this.droppedLabelSets = droppedLabelSets;
	}

	/**
	 * The meter of one label set, created on first use.
	 * @param values one value per label key, in the declared order
	 * @return the meter; beyond the label-set cap, a meter that is not exported
	 */
	public M labels(String... values) {
		if (values.length != this.labelKeys.size()) {
			throw new IllegalArgumentException("Metric '" + this.name + "' has labels " + this.labelKeys + " but got "
					+ values.length + " values: " + Arrays.toString(values));
		}
		List<String> key = List.of(values);
		M meter = this.meters.get(key);
		if (meter != null) {
			return meter;
		}
		synchronized (this.meters) {
			meter = this.meters.get(key);
			if (meter == null) {
				if (this.meters.size() >= this.maxLabelSets) {
					this.droppedLabelSets.increment();
					return this.dropped;
				}
				meter = this.create.apply(tags(values));
				this.meters.put(key, meter);
			}
			return meter;
		}
	}

	/**
	 * @return the label keys, in order
	 */
	public List<String> labelKeys() {
		return this.labelKeys;
	}

	/**
	 * @return how many label sets have a meter
	 */
	public int size() {
		return this.meters.size();
	}

	private Tags tags(String[] values) {
		Tag[] tags = new Tag[values.length];
		for (int i = 0; i < values.length; i++) {
			tags[i] = Tag.of(this.labelKeys.get(i), (values[i] != null) ? values[i] : "");
		}
		return Tags.of(tags);
	}

}
