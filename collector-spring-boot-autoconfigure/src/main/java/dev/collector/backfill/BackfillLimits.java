package dev.collector.backfill;

import java.time.LocalDate;
import java.time.Period;

/**
 * What a backfill may ask for, and how it is cut and estimated.
 *
 * @param beginningDate first day a backfill may start at
 * @param maxRange longest range one backfill may ask for
 * @param batchSize ledger periods per chunk
 * @param estimatedRecordsPerPeriod records one period is expected to hold, for the
 * estimate of a plan
 */
public record BackfillLimits(LocalDate beginningDate, Period maxRange, int batchSize, long estimatedRecordsPerPeriod) {
}
