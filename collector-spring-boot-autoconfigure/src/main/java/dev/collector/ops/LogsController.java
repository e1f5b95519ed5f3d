package dev.collector.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.logs.LogEntry;
import dev.collector.logs.LogLevel;
import dev.collector.logs.LogRingBuffer;

/**
 * {@code GET /logs?level=&limit=&since=}: the newest log entries from the in-memory ring
 * buffer, newest first. {@code level} is the lowest level shown (trace … error, also
 * warning and critical), {@code limit} 1 to the buffer size (default 100), {@code since}
 * an ISO-8601 instant or date. Anything else is a 400 problem.
 */
@RestController
public class LogsController {

	static final int DEFAULT_LIMIT = 100;

	private final LogRingBuffer buffer;

	public LogsController(LogRingBuffer buffer) {
		this.buffer = buffer;
	}

	@GetMapping("/logs")
	public LogsResponse logs(@RequestParam(required = false) String level, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String since) {
		LogLevel minimum = (level == null || level.isBlank()) ? LogLevel.TRACE
				: LogLevel.parse(level)
					.orElseThrow(() -> Problems.badRequest("Invalid level",
							"level must be one of trace, debug, info, warning, error, critical"));
		int max = this.buffer.capacity();
		int count = parseLimit(limit, Math.min(DEFAULT_LIMIT, max), max);
		Instant from = parseSince(since);
		List<LogEntry> entries = this.buffer.newest(minimum, from, count);
		return new LogsResponse(entries.size(), max, this.buffer.dropped(), entries);
	}

	private static int parseLimit(String limit, int defaultLimit, int max) {
		if (limit == null || limit.isBlank()) {
			return defaultLimit;
		}
		try {
			int value = Integer.parseInt(limit.strip());
			if (value >= 1 && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw Problems.badRequest("Invalid limit", "limit must be a whole number from 1 to " + max);
	}

	private static Instant parseSince(String since) {
		if (since == null || since.isBlank()) {
			return null;
		}
		String text = since.strip();
		try {
			return (text.length() == 10) ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest("Invalid since",
					"since must be an ISO-8601 instant such as 2024-01-15T10:30:00Z or a date such as 2024-01-15");
		}
	}

	/**
	 * The answer of GET /logs.
	 *
	 * @param count entries in this answer
	 * @param bufferSize entries the buffer keeps at most
	 * @param dropped entries dropped since start to stay within the buffer size
	 * @param entries the entries, newest first
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record LogsResponse(int count, int bufferSize, long dropped, List<LogEntry> entries) {
	}

}
