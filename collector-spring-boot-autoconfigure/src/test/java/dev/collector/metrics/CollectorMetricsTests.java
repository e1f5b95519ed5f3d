package dev.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.collector.test.support.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CollectorMetricsTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final CollectorMetrics metrics = new CollectorMetrics(this.registry, "collector", "news", 2);

	@Test
	void countersCarryThePrefixTheCollectorTagAndTheHelpText() {
		this.metrics.counter("items_fetched", "Items read from the feed", "feed").labels("bbc").increment(3);
		String text = this.registry.scrape();
		assertThat(
				PrometheusText.parse(text).value("collector_items_fetched_total", "collector", "news", "feed", "bbc"))
			.isEqualTo(3);
		assertThat(text).contains("# HELP collector_items_fetched_total Items read from the feed");
	}

	@Test
	void gaugesTimersSummariesAndHistogramsAreExported() {
		this.metrics.gauge("queue_depth", "Items waiting", "queue").labels("in").set(7);
		AtomicInteger open = new AtomicInteger(4);
		this.metrics.gauge("open_connections", "Connections to the source", open::get);
		Timer timer = this.metrics.timer("parse_duration", "Time to parse one page").labels();
		timer.record(Duration.ofMillis(250));
		DistributionSummary size = this.metrics.summary("page_size", "Size of a fetched page", "bytes").labels();
		size.record(1024);
		DistributionSummary items = this.metrics
			.histogram("items_per_page", "Items on one page", new double[] { 10, 100 })
			.labels();
		items.record(42);
		PrometheusText text = PrometheusText.parse(this.registry.scrape());
		assertThat(text.value("collector_queue_depth", "collector", "news", "queue", "in")).isEqualTo(7);
		assertThat(text.value("collector_open_connections", "collector", "news")).isEqualTo(4);
		assertThat(text.value("collector_parse_duration_seconds_sum", "collector", "news")).isEqualTo(0.25);
		assertThat(text.matching("collector_parse_duration_seconds_bucket")).isNotEmpty();
		assertThat(text.value("collector_page_size_bytes_sum")).isEqualTo(1024);
		assertThat(text.value("collector_items_per_page_bucket", "le", "10.0")).isZero();
		assertThat(text.value("collector_items_per_page_bucket", "le", "100.0")).isEqualTo(1);
	}

	@Test
	void labelSetsBeyondTheCapAreDroppedAndCounted() {
		MeterFamily<Counter> fetched = this.metrics.counter("items_fetched", "Items read", "feed");
		fetched.labels("a").increment();
		fetched.labels("b").increment();
		fetched.labels("c").increment();
		fetched.labels("d").increment();
		fetched.labels("a").increment();
		PrometheusText text = PrometheusText.parse(this.registry.scrape());
		assertThat(text.matching("collector_items_fetched_total")).hasSize(2);
		assertThat(text.value("collector_items_fetched_total", "feed", "a")).isEqualTo(2);
		assertThat(text.value("collector_metrics_dropped_label_sets_total", "metric", "items_fetched")).isEqualTo(2);
		assertThat(fetched.size()).isEqualTo(2);
	}

	@Test
	void badNamesAreRejectedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("Items-Fetched", "x"))
			.withMessageContaining("lower-case letters");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("items_total", "x"))
			.withMessageContaining("'_total' suffix");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("__items", "x"))
			.withMessageContaining("reserved");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("items", "x", "feed-id"))
			.withMessageContaining("Invalid label 'feed-id'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("items", "x", "collector"))
			.withMessageContaining("reserved");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("items", "x", "a", "a"))
			.withMessageContaining("twice");
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void aDescriptionIsRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("items", " "))
			.withMessageContaining("needs a description");
	}

	@Test
	void aMetricKeepsOneTypeAndOneSetOfLabels() {
		MeterFamily<Counter> first = this.metrics.counter("items", "Items", "feed");
		assertThat(this.metrics.counter("items", "Items", "feed")).isSameAs(first);
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.counter("items", "Items", "source"))
			.withMessageContaining("already declared");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.timer("items", "Items", "feed"))
			.withMessageContaining("already declared as a counter");
	}

	@Test
	void theNumberOfLabelValuesMustMatchTheKeys() {
		MeterFamily<Counter> fetched = this.metrics.counter("items", "Items", "feed", "kind");
		assertThatIllegalArgumentException().isThrownBy(() -> fetched.labels("bbc"))
			.withMessageContaining("[feed, kind]");
	}

	@Test
	void scrapeDurationIsExportedInSeconds() {
		ScrapeDuration duration = new ScrapeDuration(this.registry, "collector", "news");
		duration.record(Duration.ofMillis(20).toNanos());
		assertThat(PrometheusText.parse(this.registry.scrape())
			.value("collector_scrape_duration_seconds", "collector", "news")).isEqualTo(0.02);
	}

}
