package dev.collector.collect;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because the application declares several collectors.
 */
class MultipleCollectorsFailureAnalyzer extends AbstractFailureAnalyzer<MultipleCollectorsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MultipleCollectorsException cause) {
		return new FailureAnalysis("The application declares " + cause.getCollectors().size() + " Collector beans: "
				+ String.join(", ", cause.getCollectors()) + ". The collector starter runs one per application.",
				"Keep one Collector bean and run each other collector as its own application (each gets its own "
						+ "schedule, checkpoint, metrics and health), or combine the sources in one Collector.",
				cause);
	}

}
