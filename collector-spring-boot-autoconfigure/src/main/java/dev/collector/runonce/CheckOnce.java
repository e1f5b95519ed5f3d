package dev.collector.runonce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.collector.config.RunMode;
import dev.collector.sourcecheck.SourceCheckResult;
import dev.collector.sourcecheck.SourceChecker;

/**
 * {@code collector.run=check}: the connectivity check of the source, as
 * {@code POST /collect?validate_only=true} runs it (within
 * {@code collector.source-check.timeout}); writes nothing.
 */
class CheckOnce implements RunOnceTask {

	private final String collectorName;

	private final SourceChecker checker;

	CheckOnce(String collectorName, SourceChecker checker) {
		this.collectorName = collectorName;
		this.checker = checker;
	}

	@Override
	public RunMode mode() {
		return RunMode.CHECK;
	}

	@Override
	public List<RunOnceReport> run() {
		SourceCheckResult result = this.checker.checkNow();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("reachable", result.reachable());
		details.put("duration_seconds", result.duration().toMillis() / 1000.0);
		details.put("checked_at", result.checkedAt().toString());
		if (result.error() != null) {
			details.put("error", result.error());
		}
		return List.of(new RunOnceReport(this.collectorName,
				result.reachable() ? RunOnceStatus.SUCCEEDED : RunOnceStatus.FAILED, details));
	}

}
