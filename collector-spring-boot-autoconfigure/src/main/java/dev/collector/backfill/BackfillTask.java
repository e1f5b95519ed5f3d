package dev.collector.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A backfill task as stored in {@code collector_backfill_task}.
 *
 * @param taskId its id
 * @param collector the collector's name
 * @param startDate first day, inclusive
 * @param endDate last day, inclusive
 * @param symbols the symbols it collects
 * @param force whether covered periods are collected again
 * @param missingPeriods (symbol, period) pairs it found missing
 * @param estimatedRecords records the plan expected
 * @param chunksTotal number of chunks
 * @param cancelled whether a cancel was asked
 * @param finalStatus the status once it ended, else {@code null}
 * @param createdAt when it was created
 * @param finishedAt when it ended, else {@code null}
 */
public record BackfillTask(String taskId, String collector, LocalDate startDate, LocalDate endDate,
		List<String> symbols, boolean force, int missingPeriods, long estimatedRecords, int chunksTotal,
		boolean cancelled, BackfillStatus finalStatus, Instant createdAt, Instant finishedAt) {
}
