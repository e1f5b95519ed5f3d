package dev.collector.budget;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The rate budget's gauges, tagged {@code collector=<name>}; with the default prefix:
 * <ul>
 * <li>{@code collector_rate_budget_requests_per_minute{scope="cluster|local"}}: the
 * effective budget of all replicas together (below the configured limit for a while after
 * a 429)</li>
 * <li>{@code collector_rate_budget_share_requests_per_minute}: this replica's share of it
 * (0 while paused or idle)</li>
 * <li>{@code collector_rate_budget_paused}: 1 while calls wait after a 429</li>
 * </ul>
 */
public class RateBudgetMetrics implements MeterBinder {

	private final RateBudget budget;

	private final String prefix;

	private final Tags tags;

	public RateBudgetMetrics(RateBudget budget, String prefix, String collector) {
		this.budget = budget;
		this.prefix = prefix;
		this.tags = Tags.of("collector", collector);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(this.prefix + ".rate.budget.requests.per.minute", this.budget, (b) -> b.snapshot().effective())
			.description("Requests per minute the rate budget allows now, all replicas together")
			.tags(this.tags.and("scope", this.budget.snapshot().scope()))
			.register(registry);
		Gauge.builder(this.prefix + ".rate.budget.share.requests.per.minute", this.budget, RateBudget::share)
			.description("This replica's share of the rate budget")
			.tags(this.tags)
			.register(registry);
		Gauge
			.builder(this.prefix + ".rate.budget.paused", this.budget,
					(b) -> (b.snapshot().pausedUntil() != null) ? 1 : 0)
			.description("Whether calls to the source wait after a 429")
			.tags(this.tags)
			.register(registry);
	}

}
