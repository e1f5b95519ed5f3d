package dev.collector.collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownCollectorOverrideException}: which names are unknown, and
 * which collectors the application has.
 */
class UnknownCollectorOverrideFailureAnalyzer extends AbstractFailureAnalyzer<UnknownCollectorOverrideException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownCollectorOverrideException cause) {
		String description = cause.getProperty() + " names " + cause.getUnknownNames()
				+ ", but no collector has that name. The application's collectors are " + cause.getKnownNames() + ".";
		String action = "Use one of " + cause.getKnownNames() + " (a collector is named by its bean name, or by its "
				+ "Collector.name()), or remove the configuration for " + cause.getUnknownNames() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
