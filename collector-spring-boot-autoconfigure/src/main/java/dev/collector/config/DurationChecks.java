package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Checks of durations shared by the sections of {@link CollectorProperties}; field names
 * are relative to the section being validated.
 */
final class DurationChecks {

	private DurationChecks() {
	}

	static void requirePositive(Errors errors, String field, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			errors.rejectValue(field, "range", "must be a positive duration such as 15m or 30s");
		}
	}

	static void requireNotNegative(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative()) {
			errors.rejectValue(field, "range", "must not be negative");
		}
	}

}
