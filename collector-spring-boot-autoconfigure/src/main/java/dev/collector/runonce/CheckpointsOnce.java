package dev.collector.runonce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.collector.backfill.CoverageReport;
import dev.collector.backfill.CoverageReport.SymbolCoverage;
import dev.collector.collect.CheckpointStore;
import dev.collector.config.RunMode;

/**
 * {@code collector.run=checkpoints}: the checkpoint of every collector and, with the
 * coverage ledger (db-scheduler), its coverage from
 * {@code collector.backfill.beginning-date} to yesterday, as {@code GET /coverage}
 * answers it. Reads only.
 */
class CheckpointsOnce implements RunOnceTask {

	private final String collectorName;

	private final CheckpointStore checkpoints;

	private final Supplier<CoverageReport> coverage;

	/**
	 * Create the task.
	 * @param collectorName the collector's name
	 * @param checkpoints where its checkpoint is
	 * @param coverage its coverage report, or {@code null} without a ledger
	 */
	CheckpointsOnce(String collectorName, CheckpointStore checkpoints, Supplier<CoverageReport> coverage) {
		this.collectorName = collectorName;
		this.checkpoints = checkpoints;
		this.coverage = coverage;
	}

	@Override
	public RunMode mode() {
		return RunMode.CHECKPOINTS;
	}

	@Override
	public List<RunOnceReport> run() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("checkpoint", this.checkpoints.get(this.collectorName).map(Instant::toString).orElse(null));
		if (this.coverage != null) {
			details.put("coverage", coverage(this.coverage.get()));
		}
		return List.of(new RunOnceReport(this.collectorName, RunOnceStatus.SUCCEEDED, details));
	}

	private static Map<String, Object> coverage(CoverageReport report) {
		Map<String, Object> coverage = new LinkedHashMap<>();
		coverage.put("from", report.from().toString());
		coverage.put("to", report.to().toString());
		coverage.put("period", report.period().toString());
		List<Map<String, Object>> symbols = new ArrayList<>();
		for (SymbolCoverage symbol : report.symbols()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("symbol", symbol.symbol());
			entry.put("covered", symbol.covered());
			entry.put("missing", symbol.missing());
			entry.put("failed", symbol.failed());
			entry.put("ranges",
					symbol.ranges()
						.stream()
						.map((range) -> Map.of("state", range.state(), "from", range.from().toString(), "to",
								range.to().toString(), "periods", range.periods()))
						.toList());
			symbols.add(entry);
		}
		coverage.put("symbols", symbols);
		return coverage;
	}

}
