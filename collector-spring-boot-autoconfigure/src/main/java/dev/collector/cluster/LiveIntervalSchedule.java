package dev.collector.cluster;

import java.time.Instant;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

import dev.collector.config.ScheduleProperties;

/**
 * Fixed delay from the end of one collection to the next, read from
 * {@code collector.schedule.*} at every computation, so that a new interval (after
 * {@code POST /actuator/refresh}) applies from the next run. With the schedule disabled
 * the next run is "never": the task stays, for on-demand runs.
 */
class LiveIntervalSchedule implements Schedule {

	private final Supplier<ScheduleProperties> settings;

	LiveIntervalSchedule(Supplier<ScheduleProperties> settings) {
		this.settings = settings;
	}

	@Override
	public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
		ScheduleProperties schedule = this.settings.get();
		return schedule.isEnabled() ? executionComplete.getTimeDone().plus(schedule.getInterval()) : NEVER;
	}

	@Override
	public Instant getInitialExecutionTime(Instant now) {
		ScheduleProperties schedule = this.settings.get();
		return schedule.isEnabled() ? now.plus(schedule.getInitialDelay()) : NEVER;
	}

	@Override
	public boolean isDeterministic() {
		return false;
	}

	@Override
	public String toString() {
		return "every " + this.settings.get().getInterval() + " (fixed delay)";
	}

}
