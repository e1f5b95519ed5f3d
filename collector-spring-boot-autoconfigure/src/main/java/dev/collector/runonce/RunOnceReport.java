package dev.collector.runonce;

import java.util.Map;

/**
 * What a one-shot run did for one collector: its status and the figures of the summary
 * line (snake_case keys, JSON values).
 *
 * @param collector the collector's name
 * @param status how its part ended
 * @param details the figures, in the order they are printed
 */
public record RunOnceReport(String collector, RunOnceStatus status, Map<String, Object> details) {

}
