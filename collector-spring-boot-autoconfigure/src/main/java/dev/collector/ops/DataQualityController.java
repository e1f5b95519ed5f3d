package dev.collector.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.config.CollectorIdentity;
import dev.collector.ops.QualityFigures.ErrorCount;
import dev.collector.ops.QualityFigures.Totals;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code GET /data-quality}: what the collector fetched, stored, found duplicate and
 * quarantined, over its whole history and over the last
 * {@code collector.data-quality.window}, with the most frequent validation errors and the
 * runs' part failures.
 * <p>
 * Duplicates are split: {@code duplicate_records} are the duplicates in the data, records
 * the source delivered twice in one batch; {@code refetched_records} are records the
 * product fetched again by design (overlapping windows, retries, forced backfills), which
 * say nothing about the data. {@code data_quality_score} measures the data with the
 * contract's formula, {@code 100 * (total - invalid - duplicate) / total}. The share of
 * fetched records that were new and valid, which re-fetching lowers (the seed's reading
 * of that formula, when every duplicate counted), is {@code fetch_efficiency_score}:
 * {@code 100 * (total - invalid - duplicate - refetched) / total}. Both are 100 when
 * nothing was fetched yet.
 */
@RestController
@CollectorEndpoint
public class DataQualityController {

	private final CollectorIdentity identity;

	private final QualityFigures figures;

	private final Supplier<Duration> recentSpan;

	private final IntSupplier topErrors;

	private final Clock clock;

	/**
	 * Create the controller.
	 * @param identity the collector's identity
	 * @param figures the figures of runs and quarantine
	 * @param recentSpan the current span of the recent figures, read at each request
	 * @param topErrors the current number of most frequent errors to list, read at each
	 * request
	 * @param clock the clock
	 */
	public DataQualityController(CollectorIdentity identity, QualityFigures figures, Supplier<Duration> recentSpan,
			IntSupplier topErrors, Clock clock) {
		this.identity = identity;
		this.figures = figures;
		this.recentSpan = recentSpan;
		this.topErrors = topErrors;
		this.clock = clock;
	}

	@GetMapping("/data-quality")
	public DataQualityReport dataQuality() {
		Duration span = this.recentSpan.get();
		Instant windowStart = this.clock.instant().minus(span);
		int top = this.topErrors.getAsInt();
		Totals all = this.figures.totals(this.identity.name(), null);
		List<ErrorCount> errors = this.figures.topErrors(this.identity.name(), null, top);
		Totals recent = this.figures.totals(this.identity.name(), windowStart);
		List<ErrorCount> recentErrors = this.figures.topErrors(this.identity.name(), windowStart, top);
		Window window = new Window(span.toString(), windowStart.toString(), recent.runs(), recent.collected(),
				recent.collected() - recent.invalid(), recent.invalid(), recent.repeated(),
				recent.duplicates() - recent.repeated(), messages(recentErrors), score(recent), fetchEfficiency(recent),
				recent.partialRuns(), recent.failedParts());
		return new DataQualityReport(all.runs(), all.collected(), all.collected() - all.invalid(), all.invalid(),
				all.repeated(), all.duplicates() - all.repeated(), messages(errors), errors, score(all),
				fetchEfficiency(all), all.partialRuns(), all.failedParts(), window);
	}

	/**
	 * The quality of the data, rounded to two decimals: the share of fetched records that
	 * were valid and not delivered twice by the source.
	 * @param totals the figures
	 * @return 100 * (total - invalid - duplicate) / total with the duplicates in the data
	 * ({@code duplicate_records}), 100 for no records
	 */
	static double score(Totals totals) {
		return percent(totals, totals.invalid() + totals.repeated());
	}

	/**
	 * The share of fetched records that were new and valid, rounded to two decimals.
	 * Re-fetching by design lowers it, so it measures the fetching, not the data.
	 * @param totals the figures
	 * @return 100 * (total - invalid - duplicate - refetched) / total, 100 for no records
	 */
	static double fetchEfficiency(Totals totals) {
		return percent(totals, totals.invalid() + totals.duplicates());
	}

	private static double percent(Totals totals, long bad) {
		if (totals.collected() == 0) {
			return 100.0;
		}
		double score = 100.0 * (totals.collected() - bad) / totals.collected();
		return Math.round(score * 100) / 100.0;
	}

	private static List<String> messages(List<ErrorCount> errors) {
		return errors.stream().map(ErrorCount::message).toList();
	}

	/**
	 * The answer of GET /data-quality.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record DataQualityReport(long runs, long totalRecords, long validRecords, long invalidRecords,
			long duplicateRecords, long refetchedRecords, List<String> validationErrors,
			List<ErrorCount> validationErrorCounts, double dataQualityScore, double fetchEfficiencyScore,
			long partialRuns, long failedParts, Window window) {
	}

	/**
	 * The same figures over the recent window.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Window(String period, String since, long runs, long totalRecords, long validRecords,
			long invalidRecords, long duplicateRecords, long refetchedRecords, List<String> validationErrors,
			double dataQualityScore, double fetchEfficiencyScore, long partialRuns, long failedParts) {
	}

}
