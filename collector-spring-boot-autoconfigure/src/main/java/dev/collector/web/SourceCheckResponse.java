package dev.collector.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.collector.sourcecheck.SourceCheckResult;

/**
 * Answer of {@code POST /collect?validate_only=true}: whether the source was reachable,
 * how fast it answered, and what failed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record SourceCheckResponse(String status, String collector, boolean reachable, double durationSeconds, String checkedAt,
		String error) {

	static SourceCheckResponse of(String collector, SourceCheckResult result) {
		return new SourceCheckResponse(result.reachable() ? "reachable" : "unreachable", collector, result.reachable(),
				result.duration().toNanos() / 1e9, result.checkedAt().toString(), result.error());
	}

}
