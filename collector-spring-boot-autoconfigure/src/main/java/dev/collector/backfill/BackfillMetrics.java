package dev.collector.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.context.ApplicationListener;

/**
 * Coverage and backfill meters, tagged {@code collector=<name>}; with the default prefix:
 * <ul>
 * <li>{@code collector_coverage_missing_periods}: (symbol, period) pairs from
 * {@code collector.backfill.beginning-date} (or the retention horizon, when later) to
 * yesterday that are not covered</li>
 * <li>{@code collector_data_freshness_seconds}: age of the end of the newest covered
 * period (NaN while none is covered)</li>
 * <li>{@code collector_backfill_operations_total{status="success|error"}}: ended backfill
 * tasks (a failed or cancelled one counts as error)</li>
 * <li>{@code collector_backfill_stalled_tasks}: running backfill tasks with a chunk
 * picked but none started or ended for collector.backfill.stalled-after-heartbeats
 * heartbeat intervals (NaN when the database cannot be read)</li>
 * </ul>
 * The gauges read the ledger (a count on its primary key) when scraped.
 */
public class BackfillMetrics implements ApplicationListener<BackfillCompletedEvent> {

	private final MeterRegistry registry;

	private final String prefix;

	private final Tags tags;

	public BackfillMetrics(MeterRegistry registry, String prefix, String collector, CoverageLedger ledger,
			List<String> symbols, java.util.function.Supplier<LocalDate> firstDay, Clock clock) {
		this(registry, prefix, collector, ledger, symbols, firstDay, clock, null);
	}

	/**
	 * Register the meters.
	 * @param registry the registry
	 * @param prefix the meter prefix
	 * @param collector the collector's name
	 * @param ledger the coverage ledger
	 * @param symbols the collector's ledger symbols
	 * @param firstDay the first day gap analysis looks at (the beginning date, or the
	 * retention horizon when later)
	 * @param clock the clock
	 * @param stalledTasks counts the stalled tasks, or {@code null} for no such gauge
	 */
	public BackfillMetrics(MeterRegistry registry, String prefix, String collector, CoverageLedger ledger,
			List<String> symbols, java.util.function.Supplier<LocalDate> firstDay, Clock clock,
			java.util.function.IntSupplier stalledTasks) {
		this.registry = registry;
		this.prefix = prefix;
		this.tags = Tags.of("collector", collector);
		Gauge.builder(prefix + ".coverage.missing.periods", () -> {
			try {
				return ledger.missingCount(collector, symbols, firstDay.get(), LocalDate.now(clock).minusDays(1));
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		})
			.description("Periods from the beginning date (or the retention horizon) to yesterday that are not covered")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(prefix + ".data.freshness", () -> {
			try {
				return ledger.newestCoveredEnd(collector)
					.map((end) -> Duration.between(end, clock.instant()).toMillis() / 1000.0)
					.orElse(Double.NaN);
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		})
			.description("Age of the end of the newest covered period")
			.baseUnit("seconds")
			.tags(this.tags)
			.register(registry);
		if (stalledTasks != null) {
			Gauge.builder(prefix + ".backfill.stalled.tasks", () -> {
				try {
					return stalledTasks.getAsInt();
				}
				catch (RuntimeException ex) {
					return Double.NaN;
				}
			}).description("Running backfill tasks whose chunks stopped moving").tags(this.tags).register(registry);
		}
	}

	@Override
	public void onApplicationEvent(BackfillCompletedEvent event) {
		String status = (event.getProgress().status() == BackfillStatus.SUCCEEDED) ? "success" : "error";
		this.registry.counter(this.prefix + ".backfill.operations", this.tags.and("status", status)).increment();
	}

}
