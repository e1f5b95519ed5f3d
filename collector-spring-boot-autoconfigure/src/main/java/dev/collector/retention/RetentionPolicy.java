package dev.collector.retention;

/**
 * How long the collector keeps what it stored, each in days, 0 for forever.
 *
 * @param recordDays days records are kept
 * @param runHistoryDays days runs are kept
 * @param quarantineDays days quarantined records are kept
 * @param backfillTaskDays days finished backfill tasks are kept
 * @param batchSize rows deleted per transaction
 */
public record RetentionPolicy(int recordDays, int runHistoryDays, int quarantineDays, int backfillTaskDays,
		int batchSize) {
}
