package dev.collector.cluster;

import java.time.Instant;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

/**
 * Fixed delay from the end of one collection to the next, read at every computation (from
 * {@code collector.schedule.*}), so that a new interval (after
 * {@code POST /actuator/refresh}) applies from the next run. With the schedule disabled
 * the next run is "never": the task stays, for on-demand runs.
 */
class LiveIntervalSchedule implements Schedule {

	private final Supplier<ScheduleInterval> settings;

	LiveIntervalSchedule(Supplier<ScheduleInterval> settings) {
		this.settings = settings;
	}

	@Override
	public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
		ScheduleInterval schedule = this.settings.get();
		return schedule.enabled() ? executionComplete.getTimeDone().plus(schedule.interval()) : NEVER;
	}

	@Override
	public Instant getInitialExecutionTime(Instant now) {
		ScheduleInterval schedule = this.settings.get();
		return schedule.enabled() ? now.plus(schedule.initialDelay()) : NEVER;
	}

	@Override
	public boolean isDeterministic() {
		return false;
	}

	@Override
	public String toString() {
		return "every " + this.settings.get().interval() + " (fixed delay)";
	}

}
