package dev.collector.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectionLauncher.Submission;
import dev.collector.collect.Trigger;
import dev.collector.sourcecheck.SourceCheckResult;
import dev.collector.sourcecheck.SourceChecker;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code POST /collect}: start a collection now. 202 with the run id, or with
 * {@code ?wait=true} 200 with the result; {@code ?dry_run=true} fetches and validates
 * without writing; 409 while a collection is running (anywhere in the cluster when the
 * launcher is cluster-wide). {@code ?validate_only=true} runs only the connectivity check
 * of the source: 200 when it was reachable, 503 when not, with how long it took and what
 * failed.
 */
@RestController
@CollectorEndpoint
public class CollectController {

	private final CollectionLauncher launcher;

	private final ObjectProvider<SourceChecker> sourceChecker;

	private final String collectorName;

	public CollectController(CollectionLauncher launcher, ObjectProvider<SourceChecker> sourceChecker,
			String collectorName) {
		this.launcher = launcher;
		this.sourceChecker = sourceChecker;
		this.collectorName = collectorName;
	}

	@PostMapping("/collect")
	public ResponseEntity<?> collect(@RequestParam(defaultValue = "false") boolean wait,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
			@RequestParam(name = "validate_only", defaultValue = "false") boolean validateOnly) {
		if (validateOnly) {
			return validate();
		}
		Submission submission = this.launcher.submit(Trigger.MANUAL, dryRun);
		if (!wait) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(new CollectResponses.Started(submission.runId(), "started", submission.trigger().label(),
						dryRun));
		}
		CollectionResult result = submission.result().join();
		return ResponseEntity.ok(CollectResponses.Finished.of(result));
	}

	private ResponseEntity<SourceCheckResponse> validate() {
		SourceChecker checker = this.sourceChecker.getIfAvailable();
		if (checker == null) {
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(
					HttpStatus.NOT_FOUND, "The source check is not configured (no SourceChecker bean)"), null);
		}
		SourceCheckResult result = checker.checkNow();
		return ResponseEntity.status(result.reachable() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(SourceCheckResponse.of(this.collectorName, result));
	}

}
