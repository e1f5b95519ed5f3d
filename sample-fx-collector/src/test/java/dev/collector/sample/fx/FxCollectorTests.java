package dev.collector.sample.fx;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.collector.test.CollectorTest;
import dev.collector.test.CollectorTester;
import dev.collector.test.support.FakeUpstream;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.support.UpstreamResponse.json;
import static dev.collector.test.support.UpstreamResponse.status;
import static org.assertj.core.api.Assertions.assertThat;

@CollectorTest(upstream = "fx.url", properties = "collector.sink.batch-size=1")
class FxCollectorTests {

	@Test
	void readsEveryPageThroughA429AndResumesAfterA500(@Autowired CollectorTester tester, @Autowired FakeUpstream fx) {
		fx.on("/rates")
			.respondWith((request) -> json(request.parameter("page").equals("4") ? "[]"
					: "[{\"date\":\"2024-01-0" + request.parameter("page") + "\",\"rate\":1.1}]"));
		fx.on("/rates?page=2").failTimes(1, status(429).withRetryAfter(Duration.ofSeconds(1)));
		fx.on("/rates?page=3").failTimes(1, status(500));
		assertThat(tester.backfillChunk(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 3), "EUR")).failed();
		assertThat(tester.backfillChunk(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 3), "EUR")).hasInserted(1);
		assertThat(fx.requests("/rates?page=1")).as("resumed at page 2, not 1").hasSize(1);
		assertThat(fx.requests("/rates?page=2")).as("429, then twice").hasSize(3);
	}

}
