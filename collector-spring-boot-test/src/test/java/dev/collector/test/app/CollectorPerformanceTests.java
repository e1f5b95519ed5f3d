package dev.collector.test.app;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionResult.Status;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.Trigger;
import dev.collector.test.CollectorPerformance;
import dev.collector.test.CollectorPerformance.Report;
import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The performance probe measures what it says; no speed is asserted (machines differ).
 */
@CollectorTest(properties = "prices.url=generated:2000")
class CollectorPerformanceTests {

	@Autowired
	private CollectorTester tester;

	@Test
	void measuresRecordsAndAllocation() {
		Report report = CollectorPerformance.measure(this.tester::collect);
		assertThat(report.records()).isEqualTo(2000);
		assertThat(report.elapsed()).isPositive();
		// 2000 records, each at least an object and a row: far more than a few bytes each
		assertThat(report.allocatedBytes()).isGreaterThan(2000L * 100);
		assertThat(report.recordsPerSecond()).isPositive();
		assertThat(report.bytesPerRecord()).isEqualTo((double) report.allocatedBytes() / 2000);
		assertThat(report).asString().contains("2000 records in ").contains("records/s").contains("bytes/record");
	}

	@Test
	void countsWhatTheRunsWriterThreadAllocates() throws Exception {
		CountDownLatch allocated = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Instant now = Instant.now();
		CollectionResult done = new CollectionResult(CollectionRequest.of(Trigger.MANUAL, now, now), Status.SUCCEEDED,
				now, now, RecordCounts.NONE, null);
		Thread writer = new Thread(() -> {
			byte[][] batches = new byte[64][];
			for (int i = 0; i < batches.length; i++) {
				batches[i] = new byte[1024 * 1024];
			}
			allocated.countDown();
			awaitQuietly(release);
		}, "collector-prices-writer");
		Report report = CollectorPerformance.measure(() -> {
			writer.start();
			awaitQuietly(allocated);
			return done;
		});
		release.countDown();
		writer.join();
		assertThat(report.allocatedBytes()).as("the writer thread's 64 MB").isGreaterThan(64L * 1024 * 1024);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aReportComputesRates() {
		Report report = new Report(500, Duration.ofMillis(250), 1000);
		assertThat(report.recordsPerSecond()).isEqualTo(2000);
		assertThat(report.bytesPerRecord()).isEqualTo(2);
		assertThat(new Report(0, Duration.ZERO, 0).bytesPerRecord()).isZero();
	}

	@Test
	void aFailedCollectionIsNotMeasured() {
		Instant now = Instant.now();
		CollectionResult failed = new CollectionResult(CollectionRequest.of(Trigger.MANUAL, now, now), Status.FAILED,
				now, now, RecordCounts.NONE, "boom");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> CollectorPerformance.measure(() -> failed))
			.withMessageContaining("boom");
	}

}
