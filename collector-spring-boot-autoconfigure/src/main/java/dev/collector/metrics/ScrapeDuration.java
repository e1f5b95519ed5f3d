package dev.collector.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;

/**
 * {@code <prefix>_scrape_duration_seconds}: how long the previous {@code GET /metrics}
 * took to render (a scrape cannot include its own duration), next to {@code <prefix>_up}.
 * A rising value means the registry holds too many series.
 */
public class ScrapeDuration {

	private final AtomicLong lastNanos = new AtomicLong();

	public ScrapeDuration(MeterRegistry registry, String prefix, String collectorName) {
		this(registry, prefix, List.of(collectorName));
	}

	/**
	 * The scrape duration of an application with several collectors: one scrape serves
	 * them all, so each collector's series ({@code collector=<name>}) shows the same
	 * value, and a dashboard of one collector finds it as with a single collector.
	 * @param registry the registry
	 * @param prefix the meter prefix
	 * @param collectorNames the names of the collectors
	 */
	public ScrapeDuration(MeterRegistry registry, String prefix, List<String> collectorNames) {
		for (String collectorName : collectorNames) {
			TimeGauge.builder(prefix + ".scrape.duration", this.lastNanos, TimeUnit.NANOSECONDS, AtomicLong::get)
				.description("Time the previous scrape of /metrics took to render")
				.tags(Tags.of("collector", collectorName))
				.register(registry);
		}
	}

	/**
	 * @param nanos how long the scrape that just ended took
	 */
	public void record(long nanos) {
		this.lastNanos.set(nanos);
	}

	/**
	 * @return the duration of the previous scrape, in nanoseconds
	 */
	public long lastNanos() {
		return this.lastNanos.get();
	}

}
