package dev.collector.logs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The newest log entries, at most {@code capacity} of them: adding one more drops the
 * oldest, so memory stays bounded however much is logged.
 */
public class LogRingBuffer {

	private final int capacity;

	private final ArrayDeque<LogEntry> entries;

	private long dropped;

	public LogRingBuffer(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		this.capacity = capacity;
		this.entries = new ArrayDeque<>(capacity);
	}

	/**
	 * Keep an entry, dropping the oldest one when full.
	 * @param entry the entry
	 */
	public synchronized void add(LogEntry entry) {
		if (this.entries.size() == this.capacity) {
			this.entries.removeFirst();
			this.dropped++;
		}
		this.entries.addLast(entry);
	}

	/**
	 * The newest entries matching a filter, newest first.
	 * @param minimum lowest level to include
	 * @param since only entries logged at or after this instant, or {@code null}
	 * @param limit how many at most
	 * @return the entries
	 */
	public synchronized List<LogEntry> newest(LogLevel minimum, Instant since, int limit) {
		List<LogEntry> result = new ArrayList<>(Math.min(limit, this.entries.size()));
		Iterator<LogEntry> newestFirst = this.entries.descendingIterator();
		while (newestFirst.hasNext() && result.size() < limit) {
			LogEntry entry = newestFirst.next();
			if (since != null && entry.timestamp().isBefore(since)) {
				break;
			}
			if (entry.level().atLeast(minimum)) {
				result.add(entry);
			}
		}
		return result;
	}

	public int capacity() {
		return this.capacity;
	}

	public synchronized int size() {
		return this.entries.size();
	}

	/**
	 * Entries dropped to make room since start.
	 * @return the count
	 */
	public synchronized long dropped() {
		return this.dropped;
	}

}
