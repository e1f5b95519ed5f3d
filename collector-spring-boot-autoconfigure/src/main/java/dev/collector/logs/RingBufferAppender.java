package dev.collector.logs;

import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * A Logback appender that copies every event into a {@link LogRingBuffer}. It formats
 * nothing but the message, escapes control characters (a caller's input must not forge
 * log lines) and keeps the MDC.
 */
public class RingBufferAppender extends AppenderBase<ILoggingEvent> {

	/** Name under which the appender is attached to the root logger. */
	public static final String NAME = "COLLECTOR_RING_BUFFER";

	private static final int MAX_MESSAGE_LENGTH = 4000;

	private final LogRingBuffer buffer;

	public RingBufferAppender(LogRingBuffer buffer) {
		this.buffer = buffer;
		setName(NAME);
	}

	@Override
	protected void append(ILoggingEvent event) {
		IThrowableProxy throwable = event.getThrowableProxy();
		String error = (throwable != null) ? escape(throwable.getClassName() + ": " + throwable.getMessage()) : null;
		Map<String, String> mdc = event.getMDCPropertyMap();
		this.buffer.add(new LogEntry(Instant.ofEpochMilli(event.getTimeStamp()), level(event.getLevel()),
				event.getLoggerName(), event.getThreadName(), escape(event.getFormattedMessage()), error,
				(mdc != null) ? context(mdc) : Map.of()));
	}

	/**
	 * The MDC, with a tracing bridge's {@code traceId}/{@code spanId} spelt
	 * {@code trace_id}/{@code span_id} as in the JSON lines.
	 */
	private static Map<String, String> context(Map<String, String> mdc) {
		if (!mdc.containsKey("traceId") && !mdc.containsKey("spanId")) {
			return Map.copyOf(mdc);
		}
		Map<String, String> context = new java.util.HashMap<>(mdc);
		rename(context, "traceId", "trace_id");
		rename(context, "spanId", "span_id");
		return Map.copyOf(context);
	}

	private static void rename(Map<String, String> context, String from, String to) {
		String value = context.remove(from);
		if (value != null) {
			context.put(to, value);
		}
	}

	private static LogLevel level(Level level) {
		return switch (level.toInt()) {
			case Level.ERROR_INT -> LogLevel.ERROR;
			case Level.WARN_INT -> LogLevel.WARN;
			case Level.INFO_INT -> LogLevel.INFO;
			case Level.DEBUG_INT -> LogLevel.DEBUG;
			default -> LogLevel.TRACE;
		};
	}

	/**
	 * Escape control characters (CR, LF, ESC, …) and cut very long text.
	 * @param text the text, may be {@code null}
	 * @return the text safe to show on one line
	 */
	public static String escape(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_MESSAGE_LENGTH) + 16);
		int i = 0;
		for (; i < text.length() && safe.length() < MAX_MESSAGE_LENGTH; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> safe.append("\\n");
				case '\r' -> safe.append("\\r");
				case '\t' -> safe.append("\\t");
				default -> {
					if (Character.isISOControl(c)) {
						safe.append(String.format("\\u%04x", (int) c));
					}
					else {
						safe.append(c);
					}
				}
			}
		}
		if (i < text.length()) {
			safe.append('…');
		}
		return safe.toString();
	}

}
