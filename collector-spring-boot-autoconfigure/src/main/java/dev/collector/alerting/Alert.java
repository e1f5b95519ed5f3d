package dev.collector.alerting;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An alert for the people on call.
 *
 * @param severity info, warning, error or critical
 * @param message one line saying what happened
 * @param details anything that helps, as JSON-friendly values
 */
public record Alert(String severity, String message, Map<String, Object> details) {

	/** Severities an alert may have. */
	public static final Set<String> SEVERITIES = Set.of("info", "warning", "error", "critical");

	public Alert {
		severity = severity.toLowerCase(Locale.ROOT);
		if (!SEVERITIES.contains(severity)) {
			throw new IllegalArgumentException("severity must be one of info, warning, error, critical");
		}
		details = (details != null) ? Map.copyOf(details) : Map.of();
	}

}
