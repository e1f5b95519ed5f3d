package dev.collector.sourcecheck;

import java.time.Duration;
import java.time.Instant;

/**
 * What one connectivity check of the source found.
 *
 * @param reachable whether the source answered
 * @param duration how long the check took
 * @param checkedAt when it started
 * @param error why the source was not reachable, or {@code null}
 */
public record SourceCheckResult(boolean reachable, Duration duration, Instant checkedAt, String error) {

}
