package dev.collector.backfill;

import java.util.List;

/**
 * What a user asks a backfill for, as received: dates are text until the planner has
 * checked them, so that a bad date gets a precise answer.
 *
 * @param startDate first day (YYYY-MM-DD), inclusive; {@code null} for
 * {@code collector.backfill.beginning-date}
 * @param endDate last day, inclusive; {@code null} for yesterday
 * @param symbols symbols to collect; {@code null} or empty for all
 * @param force whether to collect covered periods again
 * @param dryRun whether to answer the plan only
 */
public record BackfillRequest(String startDate, String endDate, List<String> symbols, boolean force, boolean dryRun) {
}
