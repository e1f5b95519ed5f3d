package dev.collector.logs;

import java.time.Instant;
import java.util.Map;

/**
 * One log event as kept in memory.
 *
 * @param timestamp when it was logged
 * @param level TRACE, DEBUG, INFO, WARN or ERROR
 * @param logger the logger's name
 * @param thread the thread's name
 * @param message the formatted message, control characters escaped
 * @param error the exception's class and message, if any
 * @param context the MDC (run id and the like)
 */
public record LogEntry(Instant timestamp, LogLevel level, String logger, String thread, String message, String error,
		Map<String, String> context) {

}
