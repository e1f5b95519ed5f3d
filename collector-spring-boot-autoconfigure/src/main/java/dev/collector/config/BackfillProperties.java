package dev.collector.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import org.springframework.validation.Errors;

/**
 * Backfill of history, the coverage ledger and cluster-wide execution, under
 * {@code collector.backfill.*}.
 */
public class BackfillProperties {

	/**
	 * First day a backfill collects when a request names no start date.
	 */
	private LocalDate beginningDate = LocalDate.of(2023, 1, 1);

	/**
	 * Length of one period of the coverage ledger; gaps are found and chunks are cut in
	 * whole periods. A number of days, weeks or months (P1D, P1W, P1M).
	 */
	private Period period = Period.ofDays(1);

	/**
	 * Number of missing periods of one symbol that one backfill chunk collects.
	 */
	private int batchSize = 100;

	/**
	 * Longest range one backfill request may span; longer requests are rejected.
	 */
	private Period maxRange = Period.ofYears(10);

	/**
	 * Records one period of one symbol is expected to hold, for the estimate of a plan.
	 */
	private long estimatedRecordsPerPeriod = 24;

	/**
	 * Number of times a failed chunk is retried before the task ends failed.
	 */
	private int maxRetries = 3;

	/**
	 * Wait before the first retry of a failed chunk; each further retry waits
	 * retry-multiplier times longer.
	 */
	private Duration retryInitialDelay = Duration.ofSeconds(30);

	/**
	 * Factor by which the wait grows from one retry of a chunk to the next.
	 */
	private double retryMultiplier = 2.0;

	/**
	 * Wait before a chunk that found a collection in progress tries again (scheduled and
	 * manual collection go first).
	 */
	private Duration yieldDelay = Duration.ofSeconds(5);

	/**
	 * How often each replica looks for due executions (scheduled runs, backfill chunks)
	 * that another replica created. A replica also looks at once when an execution of its
	 * own ends or when it schedules one.
	 */
	private Duration pollingInterval = Duration.ofSeconds(1);

	/**
	 * How often a replica tells the database it is still working on an execution; after
	 * missed-heartbeats-limit missed beats another replica takes the execution over.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(10);

	/**
	 * Number of missed heartbeats after which an execution counts as dead and is picked
	 * up again by another replica. With the default heartbeat, a replica gone for good
	 * has its executions revived within about 80 seconds (dead after 60, checked every
	 * two heartbeats), and a pause of the JVM shorter than about 50 seconds (a long
	 * garbage collection) revives nothing.
	 */
	private int missedHeartbeatsLimit = 6;

	/**
	 * Number of heartbeat intervals without any chunk of a running backfill starting or
	 * ending, while one of its chunks is running, after which the backfill counts as
	 * stalled (GET /backfill/{id}, the collector_backfill_stalled_tasks gauge, the
	 * CollectorBackfillStalled alert).
	 */
	private int stalledAfterHeartbeats = 30;

	/**
	 * Number of backfill chunks one replica works on at the same time.
	 */
	private int threads = 1;

	public LocalDate getBeginningDate() {
		return this.beginningDate;
	}

	public void setBeginningDate(LocalDate beginningDate) {
		this.beginningDate = beginningDate;
	}

	public Period getPeriod() {
		return this.period;
	}

	public void setPeriod(Period period) {
		this.period = period;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Period getMaxRange() {
		return this.maxRange;
	}

	public void setMaxRange(Period maxRange) {
		this.maxRange = maxRange;
	}

	public long getEstimatedRecordsPerPeriod() {
		return this.estimatedRecordsPerPeriod;
	}

	public void setEstimatedRecordsPerPeriod(long estimatedRecordsPerPeriod) {
		this.estimatedRecordsPerPeriod = estimatedRecordsPerPeriod;
	}

	public int getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	public Duration getRetryInitialDelay() {
		return this.retryInitialDelay;
	}

	public void setRetryInitialDelay(Duration retryInitialDelay) {
		this.retryInitialDelay = retryInitialDelay;
	}

	public double getRetryMultiplier() {
		return this.retryMultiplier;
	}

	public void setRetryMultiplier(double retryMultiplier) {
		this.retryMultiplier = retryMultiplier;
	}

	public Duration getYieldDelay() {
		return this.yieldDelay;
	}

	public void setYieldDelay(Duration yieldDelay) {
		this.yieldDelay = yieldDelay;
	}

	public Duration getPollingInterval() {
		return this.pollingInterval;
	}

	public void setPollingInterval(Duration pollingInterval) {
		this.pollingInterval = pollingInterval;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public int getMissedHeartbeatsLimit() {
		return this.missedHeartbeatsLimit;
	}

	public void setMissedHeartbeatsLimit(int missedHeartbeatsLimit) {
		this.missedHeartbeatsLimit = missedHeartbeatsLimit;
	}

	public int getStalledAfterHeartbeats() {
		return this.stalledAfterHeartbeats;
	}

	public void setStalledAfterHeartbeats(int stalledAfterHeartbeats) {
		this.stalledAfterHeartbeats = stalledAfterHeartbeats;
	}

	/**
	 * Time without movement after which a running backfill counts as stalled.
	 * @return stalled-after-heartbeats heartbeat intervals
	 */
	public Duration stalledAfter() {
		return this.heartbeatInterval.multipliedBy(this.stalledAfterHeartbeats);
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	void validate(Errors errors) {
		if (this.beginningDate == null) {
			errors.rejectValue("beginningDate", "required", "must be a date such as 2023-01-01");
		}
		else if (this.beginningDate.isAfter(LocalDate.now(ZoneOffset.UTC))) {
			errors.rejectValue("beginningDate", "range",
					"must not be in the future: there is no history to collect after today");
		}
		if (this.period == null || this.period.isZero() || this.period.isNegative()) {
			errors.rejectValue("period", "range", "must be a positive period such as P1D");
		}
		if (this.maxRange == null || this.maxRange.isZero() || this.maxRange.isNegative()) {
			errors.rejectValue("maxRange", "range", "must be a positive period such as P5Y");
		}
		if (this.batchSize < 1 || this.batchSize > 500) {
			errors.rejectValue("batchSize", "range", "must be between 1 and 500");
		}
		if (this.maxRetries < 0) {
			errors.rejectValue("maxRetries", "range", "must not be negative");
		}
		if (this.retryMultiplier < 1) {
			errors.rejectValue("retryMultiplier", "range", "must be at least 1");
		}
		if (this.threads < 1) {
			errors.rejectValue("threads", "range", "must be at least 1");
		}
		if (this.stalledAfterHeartbeats < 1) {
			errors.rejectValue("stalledAfterHeartbeats", "range", "must be at least 1");
		}
		if (this.missedHeartbeatsLimit < 4) {
			errors.rejectValue("missedHeartbeatsLimit", "range", "must be at least 4");
		}
		for (Duration duration : new Duration[] { this.retryInitialDelay, this.yieldDelay, this.pollingInterval,
				this.heartbeatInterval }) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				errors.reject("range", "collector.backfill durations must be positive");
			}
		}
	}

}
