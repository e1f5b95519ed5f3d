package dev.collector.logs;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogRingBufferTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void keepsOnlyTheNewestEntries() {
		LogRingBuffer buffer = new LogRingBuffer(3);
		for (int i = 0; i < 10; i++) {
			buffer.add(entry(i, LogLevel.INFO));
		}
		assertThat(buffer.size()).isEqualTo(3);
		assertThat(buffer.dropped()).isEqualTo(7);
		assertThat(buffer.newest(LogLevel.TRACE, null, 10)).extracting(LogEntry::message)
			.containsExactly("m9", "m8", "m7");
	}

	@Test
	void filtersByLevelSinceAndLimit() {
		LogRingBuffer buffer = new LogRingBuffer(10);
		buffer.add(entry(0, LogLevel.ERROR));
		buffer.add(entry(1, LogLevel.DEBUG));
		buffer.add(entry(2, LogLevel.WARN));
		buffer.add(entry(3, LogLevel.INFO));
		assertThat(buffer.newest(LogLevel.WARN, null, 10)).extracting(LogEntry::message).containsExactly("m2", "m0");
		assertThat(buffer.newest(LogLevel.TRACE, T0.plusSeconds(2), 10)).extracting(LogEntry::message)
			.containsExactly("m3", "m2");
		assertThat(buffer.newest(LogLevel.TRACE, null, 1)).extracting(LogEntry::message).containsExactly("m3");
	}

	@Test
	void levelNamesIncludeTheTraditionalOnes() {
		assertThat(LogLevel.parse("warning")).contains(LogLevel.WARN);
		assertThat(LogLevel.parse("Critical")).contains(LogLevel.ERROR);
		assertThat(LogLevel.parse("info")).contains(LogLevel.INFO);
		assertThat(LogLevel.parse("loud")).isEmpty();
	}

	@Test
	void escapeNeutralisesControlCharacters() {
		assertThat(RingBufferAppender.escape("a\nb\r\u001b[31m")).isEqualTo("a\\nb\\r\\u001b[31m");
		assertThat(RingBufferAppender.escape("x".repeat(5000))).hasSize(4001).endsWith("…");
	}

	private static LogEntry entry(int i, LogLevel level) {
		return new LogEntry(T0.plusSeconds(i), level, "test", "main", "m" + i, null, Map.of());
	}

}
