package dev.collector.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Meters of the retention purge, tagged {@code collector=<name>}; with the default prefix
 * Prometheus sees:
 * <ul>
 * <li>{@code collector_retention_deleted_total{table}}: rows deleted (and committed) by
 * the purge, per table</li>
 * </ul>
 * Every table the purge may delete from is registered at start-up with 0, so rate()
 * behaves from the first scrape.
 */
public class RetentionMetrics implements RetentionPurge.Listener {

	private final MeterRegistry registry;

	private final String name;

	private final Tags tags;

	public RetentionMetrics(MeterRegistry registry, String prefix, String collectorName, Iterable<String> tables) {
		this.registry = registry;
		this.name = prefix + ".retention.deleted";
		this.tags = Tags.of("collector", collectorName);
		tables.forEach(this::counter);
	}

	@Override
	public void deleted(String table, long rows) {
		counter(table).increment(rows);
	}

	private Counter counter(String table) {
		return Counter.builder(this.name)
			.description("Rows deleted by the retention purge")
			.tags(this.tags)
			.tag("table", table)
			.register(this.registry);
	}

}
