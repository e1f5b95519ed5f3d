package dev.collector.cluster;

import java.time.Duration;

/**
 * When the cluster's collection runs on its own.
 *
 * @param enabled whether it runs on a schedule at all (else only on demand)
 * @param initialDelay time from start-up to the first run
 * @param interval fixed delay from the end of one run to the start of the next
 */
public record ScheduleInterval(boolean enabled, Duration initialDelay, Duration interval) {
}
