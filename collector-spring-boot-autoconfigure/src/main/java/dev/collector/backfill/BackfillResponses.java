package dev.collector.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.collector.backfill.BackfillService.Started;

/**
 * JSON bodies of {@code /backfill} and {@code /coverage}, snake_case by their own
 * annotation.
 */
final class BackfillResponses {

	private BackfillResponses() {
	}

	/**
	 * Body of POST /backfill; dates stay text so that a bad one gets a precise problem.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Body(String startDate, String endDate, List<String> symbols, Boolean force, Boolean dryRun) {

		BackfillRequest toRequest() {
			return new BackfillRequest(this.startDate, this.endDate, this.symbols, Boolean.TRUE.equals(this.force),
					Boolean.TRUE.equals(this.dryRun));
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record StartedTask(String taskId, String status, String message, long estimatedRecords, int missingPeriods,
			int chunksTotal, LocalDate startDate, LocalDate endDate, List<String> symbols, boolean force,
			double estimatedDurationSeconds) {

		static StartedTask of(Started started) {
			BackfillPlan plan = started.plan();
			return new StartedTask(started.task().taskId(), "started",
					"Backfill of " + plan.missingPeriods() + " missing period(s) in " + plan.chunks().size()
							+ " chunk(s) started; follow it at /backfill/" + started.task().taskId(),
					plan.estimatedRecords(), plan.missingPeriods(), plan.chunks().size(), plan.startDate(),
					plan.endDate(), plan.symbols(), plan.force(), plan.estimatedDuration().toMillis() / 1000.0);
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Plan(String status, boolean dryRun, LocalDate startDate, LocalDate endDate, List<String> symbols,
			boolean force, int missingPeriods, long estimatedRecords, long estimatedSourceRequests,
			double estimatedDurationSeconds, int chunksTotal, List<Chunk> chunks) {

		static Plan of(BackfillPlan plan) {
			return new Plan("planned", true, plan.startDate(), plan.endDate(), plan.symbols(), plan.force(),
					plan.missingPeriods(), plan.estimatedRecords(), plan.estimatedSourceRequests(),
					plan.estimatedDuration().toMillis() / 1000.0, plan.chunks().size(),
					plan.chunks()
						.stream()
						.map((chunk) -> new Chunk(chunk.symbol(), chunk.periods().get(0),
								chunk.periods().get(chunk.periods().size() - 1), chunk.periods().size()))
						.toList());
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Chunk(String symbol, LocalDate firstPeriod, LocalDate lastPeriod, int periods) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Progress(String taskId, String status, LocalDate startDate, LocalDate endDate, List<String> symbols,
			boolean force, int missingPeriods, long estimatedRecords, int chunksTotal, int chunksDone, int chunksFailed,
			int chunksCancelled, long recordsBackfilled, List<String> errors, Instant startedAt, Instant finishedAt,
			boolean stalled, Instant lastProgressAt) {

		static Progress of(BackfillProgress progress) {
			return new Progress(progress.task().taskId(), progress.status().label(), progress.task().startDate(),
					progress.task().endDate(), progress.task().symbols(), progress.task().force(),
					progress.task().missingPeriods(), progress.task().estimatedRecords(), progress.task().chunksTotal(),
					progress.chunksDone(), progress.chunksFailed(), progress.chunksCancelled(),
					progress.recordsBackfilled(), progress.errors(), progress.startedAt(), progress.finishedAt(),
					progress.stalled(), progress.lastProgressAt());
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record TaskList(List<Progress> tasks) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Coverage(LocalDate from, LocalDate to, String period, List<SymbolCoverage> symbols) {

		static Coverage of(CoverageReport report, Map<String, Long> records) {
			return new Coverage(report.from(), report.to(), report.period().toString(),
					report.symbols()
						.stream()
						.map((symbol) -> new SymbolCoverage(symbol.symbol(), symbol.covered(), symbol.partial(),
								symbol.missing(), symbol.failed(), records.get(symbol.symbol()),
								symbol.ranges()
									.stream()
									.map((range) -> new Range(range.state(), range.from(), range.to(), range.periods(),
											range.error()))
									.toList()))
						.toList());
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record SymbolCoverage(String symbol, int coveredPeriods, int partialPeriods, int missingPeriods, int failedPeriods,
			Long records, List<Range> ranges) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
	record Range(String status, LocalDate from, LocalDate to, int periods, String error) {
	}

}
