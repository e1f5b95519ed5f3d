package dev.collector.collect;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class MultipleCollectorsFailureAnalyzerTests {

	@Test
	void namesTheCollectorsAndTheWayOut() {
		MultipleCollectorsException failure = new MultipleCollectorsException(
				List.of("a.PriceCollector", "b.NewsCollector"));
		FailureAnalysis analysis = new MultipleCollectorsFailureAnalyzer()
			.analyze(new IllegalStateException("context failed", failure));
		assertThat(analysis.getDescription()).contains("2 Collector beans", "a.PriceCollector", "b.NewsCollector");
		assertThat(analysis.getAction()).contains("Keep one Collector bean");
	}

}
