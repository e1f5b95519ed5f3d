package dev.collector.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionLauncher;
import dev.collector.collect.CollectionRunner.Submission;
import dev.collector.collect.Trigger;

/**
 * {@code POST /collect}: start a collection now. 202 with the run id, or with
 * {@code ?wait=true} 200 with the result; {@code ?dry_run=true} fetches and validates
 * without writing; 409 while a collection is running (anywhere in the cluster when the
 * launcher is cluster-wide).
 */
@RestController
public class CollectController {

	private final CollectionLauncher launcher;

	public CollectController(CollectionLauncher launcher) {
		this.launcher = launcher;
	}

	@PostMapping("/collect")
	public ResponseEntity<?> collect(@RequestParam(defaultValue = "false") boolean wait,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun) {
		Submission submission = this.launcher.submit(Trigger.MANUAL, dryRun);
		if (!wait) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(new CollectResponses.Started(submission.runId(), "started", submission.trigger().label(), dryRun));
		}
		CollectionResult result = submission.result().join();
		return ResponseEntity.ok(CollectResponses.Finished.of(result));
	}

}
