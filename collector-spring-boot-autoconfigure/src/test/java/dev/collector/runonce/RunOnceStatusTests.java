package dev.collector.runonce;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillStatus;
import dev.collector.backfill.BackfillTask;
import dev.collector.collect.CollectionResult;

import static org.assertj.core.api.Assertions.assertThat;

class RunOnceStatusTests {

	@Test
	void exitCodes() {
		assertThat(RunOnceStatus.SUCCEEDED.exitCode()).isZero();
		assertThat(RunOnceStatus.FAILED.exitCode()).isOne();
		assertThat(RunOnceStatus.PARTIAL.exitCode()).isEqualTo(2);
		assertThat(RunOnceStatus.REFUSED.exitCode()).isEqualTo(3);
	}

	@Test
	void everyCollectionStatusHasARunStatus() {
		for (CollectionResult.Status status : CollectionResult.Status.values()) {
			assertThat(RunOnceStatus.of(status).name()).isEqualTo(status.name());
		}
	}

	@Test
	void aBackfillWithSomeChunksFailedIsPartial() {
		assertThat(RunOnceStatus.of(progress(BackfillStatus.SUCCEEDED, 3, 0))).isEqualTo(RunOnceStatus.SUCCEEDED);
		assertThat(RunOnceStatus.of(progress(BackfillStatus.FAILED, 2, 1))).isEqualTo(RunOnceStatus.PARTIAL);
		assertThat(RunOnceStatus.of(progress(BackfillStatus.FAILED, 0, 3))).isEqualTo(RunOnceStatus.FAILED);
		assertThat(RunOnceStatus.of(progress(BackfillStatus.CANCELLED, 1, 0))).isEqualTo(RunOnceStatus.FAILED);
	}

	@Test
	void severalCollectorsThatEndedDifferentlyArePartial() {
		assertThat(RunOnceStatus.overall(List.of(RunOnceStatus.SUCCEEDED, RunOnceStatus.SUCCEEDED)))
			.isEqualTo(RunOnceStatus.SUCCEEDED);
		assertThat(RunOnceStatus.overall(List.of(RunOnceStatus.FAILED, RunOnceStatus.FAILED)))
			.isEqualTo(RunOnceStatus.FAILED);
		assertThat(RunOnceStatus.overall(List.of(RunOnceStatus.SUCCEEDED, RunOnceStatus.FAILED)))
			.isEqualTo(RunOnceStatus.PARTIAL);
		assertThat(RunOnceStatus.overall(List.of(RunOnceStatus.SUCCEEDED, RunOnceStatus.REFUSED)))
			.isEqualTo(RunOnceStatus.REFUSED);
		assertThat(RunOnceStatus.overall(List.of())).isEqualTo(RunOnceStatus.FAILED);
	}

	private static BackfillProgress progress(BackfillStatus status, int done, int failed) {
		BackfillTask task = new BackfillTask("t", "c", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 3), List.of("*"),
				false, 3, 72, done + failed, status == BackfillStatus.CANCELLED, status, Instant.EPOCH, Instant.EPOCH);
		return new BackfillProgress(task, status, done, failed, 0, 10, List.of(), false, null);
	}

}
