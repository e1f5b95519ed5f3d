package dev.collector.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.collector.collect.CollectionResult;

/**
 * JSON answers of {@code POST /collect}, snake_case by their own annotation (the
 * application's ObjectMapper is left alone).
 */
final class CollectResponses {

	private CollectResponses() {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Started(String runId, String status, String trigger, boolean dryRun) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Finished(String runId, String status, String trigger, boolean dryRun, String windowFrom, String windowTo,
			long recordsCollected, long recordsInserted, long recordsDuplicate, long recordsInvalid,
			double durationSeconds, String error) {

		static Finished of(CollectionResult result) {
			return new Finished(result.runId(), result.succeeded() ? "succeeded" : "failed",
					result.request().trigger().label(), result.request().dryRun(), result.request().from().toString(),
					result.request().to().toString(), result.counts().collected(), result.counts().inserted(),
					result.counts().duplicates(), result.counts().invalid(), result.duration().toNanos() / 1e9,
					result.error());
		}

	}

}
