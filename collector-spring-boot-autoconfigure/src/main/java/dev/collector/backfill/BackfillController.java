package dev.collector.backfill;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.backfill.BackfillResponses.Body;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code POST /backfill} (start, or with {@code dry_run} plan), {@code GET /backfill}
 * (list), {@code GET /backfill/{task_id}} (progress), {@code DELETE /backfill/{task_id}}
 * (cancel) and {@code GET /coverage} (the ledger as ranges). Bad input gets a problem and
 * creates nothing.
 */
@RestController
@CollectorEndpoint
public class BackfillController {

	private final BackfillService backfill;

	private final StoredRecordCounts records;

	public BackfillController(BackfillService backfill) {
		this(backfill, null);
	}

	/**
	 * Create the controller.
	 * @param backfill the backfill service
	 * @param records the per-symbol count of stored records shown in {@code /coverage},
	 * {@code null} for none
	 */
	public BackfillController(BackfillService backfill, StoredRecordCounts records) {
		this.backfill = backfill;
		this.records = records;
	}

	@PostMapping("/backfill")
	public ResponseEntity<?> start(@RequestBody(required = false) Body body) {
		BackfillRequest request = ((body != null) ? body : new Body(null, null, null, null, null)).toRequest();
		if (request.dryRun()) {
			return ResponseEntity.ok(BackfillResponses.Plan.of(this.backfill.plan(request)));
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(BackfillResponses.StartedTask.of(this.backfill.start(request)));
	}

	@GetMapping("/backfill")
	public BackfillResponses.TaskList list(@RequestParam(defaultValue = "50") int limit) {
		return new BackfillResponses.TaskList(this.backfill.list(Math.max(1, Math.min(limit, 500)))
			.stream()
			.map(BackfillResponses.Progress::of)
			.toList());
	}

	@GetMapping("/backfill/{taskId}")
	public BackfillResponses.Progress progress(@PathVariable String taskId) {
		return BackfillResponses.Progress.of(this.backfill.progress(taskId));
	}

	@DeleteMapping("/backfill/{taskId}")
	public BackfillResponses.Progress cancel(@PathVariable String taskId) {
		return BackfillResponses.Progress.of(this.backfill.cancel(taskId));
	}

	@GetMapping("/coverage")
	public BackfillResponses.Coverage coverage(@RequestParam(required = false) String symbol,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		CoverageReport report = this.backfill.coverage(symbol, from, to);
		Map<String, Long> counts = (this.records != null)
				? this.records.count(report.symbols().stream().map(CoverageReport.SymbolCoverage::symbol).toList(),
						report.from(), report.to())
				: Map.of();
		return BackfillResponses.Coverage.of(report, counts);
	}

}
