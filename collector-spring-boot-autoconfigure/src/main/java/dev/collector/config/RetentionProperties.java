package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * The retention purge, under {@code collector.retention.*}: what is kept how long. 0 days
 * keeps everything of that kind. Read at every purge, so a change after
 * {@code POST /actuator/refresh} applies from the next one.
 */
public class RetentionProperties {

	/**
	 * Days records are kept in the record table, counted back from now on the record's
	 * timestamp column; older ones are deleted. 0 keeps them forever and, unless set on
	 * their own, also the run history, quarantine and finished backfill tasks.
	 */
	private int days = 365;

	/**
	 * Days runs are kept in the run history (collector_run), by their start. Defaults to
	 * collector.retention.days; 0 keeps them forever.
	 */
	private Integer runHistoryDays;

	/**
	 * Days rejected records are kept in the quarantine (collector_quarantine). Defaults
	 * to collector.retention.days; 0 keeps them forever.
	 */
	private Integer quarantineDays;

	/**
	 * Days finished backfill tasks (succeeded, failed or cancelled) and their chunks are
	 * kept after they ended. Defaults to collector.retention.days; 0 keeps them forever.
	 */
	private Integer backfillTaskDays;

	/**
	 * Rows deleted per statement, each in its own short transaction, so that the purge
	 * never holds locks on many rows at once.
	 */
	private int batchSize = 1000;

	/**
	 * Time from the end of one purge to the start of the next; exactly one replica runs
	 * each purge.
	 */
	private Duration interval = Duration.ofHours(1);

	public int getDays() {
		return this.days;
	}

	public void setDays(int days) {
		this.days = days;
	}

	public Integer getRunHistoryDays() {
		return this.runHistoryDays;
	}

	public void setRunHistoryDays(Integer runHistoryDays) {
		this.runHistoryDays = runHistoryDays;
	}

	public Integer getQuarantineDays() {
		return this.quarantineDays;
	}

	public void setQuarantineDays(Integer quarantineDays) {
		this.quarantineDays = quarantineDays;
	}

	public Integer getBackfillTaskDays() {
		return this.backfillTaskDays;
	}

	public void setBackfillTaskDays(Integer backfillTaskDays) {
		this.backfillTaskDays = backfillTaskDays;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	/**
	 * Days runs are kept, with the default applied.
	 * @return the days, 0 for forever
	 */
	public int effectiveRunHistoryDays() {
		return (this.runHistoryDays != null) ? this.runHistoryDays : this.days;
	}

	/**
	 * Days quarantined records are kept, with the default applied.
	 * @return the days, 0 for forever
	 */
	public int effectiveQuarantineDays() {
		return (this.quarantineDays != null) ? this.quarantineDays : this.days;
	}

	/**
	 * Days finished backfill tasks are kept, with the default applied.
	 * @return the days, 0 for forever
	 */
	public int effectiveBackfillTaskDays() {
		return (this.backfillTaskDays != null) ? this.backfillTaskDays : this.days;
	}

	void validate(Errors errors) {
		notNegative(errors, "days", this.days);
		notNegative(errors, "runHistoryDays", this.runHistoryDays);
		notNegative(errors, "quarantineDays", this.quarantineDays);
		notNegative(errors, "backfillTaskDays", this.backfillTaskDays);
		if (this.batchSize < 1 || this.batchSize > 100_000) {
			errors.rejectValue("batchSize", "range", "must be between 1 and 100000");
		}
		if (this.interval == null || this.interval.isZero() || this.interval.isNegative()) {
			errors.rejectValue("interval", "range", "must be a positive duration such as 1h");
		}
	}

	private static void notNegative(Errors errors, String field, Integer days) {
		if (days != null && days < 0) {
			errors.rejectValue(field, "range", "must be 0 (keep forever) or a number of days");
		}
	}

}
