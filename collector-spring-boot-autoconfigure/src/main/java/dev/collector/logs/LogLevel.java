package dev.collector.logs;

import java.util.Locale;
import java.util.Optional;

/**
 * Log levels in order of severity, with the names collectors have always accepted
 * ("warning", "critical").
 */
public enum LogLevel {

	TRACE, DEBUG, INFO, WARN, ERROR;

	/**
	 * Parse a level name.
	 * @param name trace, debug, info, warn or warning, error or critical (any case)
	 * @return the level, empty when the name is unknown
	 */
	public static Optional<LogLevel> parse(String name) {
		String normalized = name.strip().toUpperCase(Locale.ROOT);
		return switch (normalized) {
			case "WARNING" -> Optional.of(WARN);
			case "CRITICAL", "FATAL" -> Optional.of(ERROR);
			default -> {
				try {
					yield Optional.of(valueOf(normalized));
				}
				catch (IllegalArgumentException ex) {
					yield Optional.empty();
				}
			}
		};
	}

	/**
	 * Whether this level is at least as severe as another.
	 * @param minimum the other level
	 * @return {@code true} when this level passes a filter at {@code minimum}
	 */
	public boolean atLeast(LogLevel minimum) {
		return compareTo(minimum) >= 0;
	}

}
