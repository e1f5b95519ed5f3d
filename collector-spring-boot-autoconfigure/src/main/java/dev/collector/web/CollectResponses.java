package dev.collector.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.collector.collect.CollectionResult;

/**
 * JSON answers of {@code POST /collect}, snake_case by their own annotation (the
 * application's ObjectMapper is left alone); public for the answer of several collectors'
 * {@code POST /collect}, which holds one of them per collector.
 */
public final class CollectResponses {

	private CollectResponses() {
	}

	/**
	 * A run that started.
	 *
	 * @param runId the run's id
	 * @param status always {@code started}
	 * @param trigger how it was started
	 * @param dryRun whether it writes nothing
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Started(String runId, String status, String trigger, boolean dryRun) {
	}

	/**
	 * A run that finished, with its counts.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Finished(String runId, String status, String trigger, boolean dryRun, String windowFrom,
			String windowTo, long recordsCollected, long recordsInserted, long recordsDuplicate, long recordsInvalid,
			double durationSeconds, String error, List<FailedPart> failedParts, Integer failedPartsTotal,
			Integer failedPartsOmitted) {

		/** Failed parts listed in the answer; the rest are counted. */
		static final int PARTS_SHOWN = 20;

		/**
		 * The answer for a finished run.
		 * @param result the run's result
		 * @return the answer
		 */
		public static Finished of(CollectionResult result) {
			List<FailedPart> parts = result.partFailures()
				.stream()
				.limit(PARTS_SHOWN)
				.map((failure) -> new FailedPart(failure.part(), failure.error(), failure.from().toString(),
						failure.to().toString()))
				.toList();
			boolean any = result.partFailureCount() > 0;
			return new Finished(result.runId(), result.statusLabel(), result.request().trigger().label(),
					result.request().dryRun(), result.request().from().toString(), result.request().to().toString(),
					result.counts().collected(), result.counts().inserted(), result.counts().duplicates(),
					result.counts().invalid(), result.duration().toNanos() / 1e9, result.error(), any ? parts : null,
					any ? result.partFailureCount() : null, any ? result.partFailureCount() - parts.size() : null);
		}

	}

	/**
	 * A part of the run that failed.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record FailedPart(String part, String error, String windowFrom, String windowTo) {
	}

}
