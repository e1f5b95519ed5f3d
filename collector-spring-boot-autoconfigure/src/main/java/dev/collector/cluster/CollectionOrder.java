package dev.collector.cluster;

import java.io.Serializable;

/**
 * Data of the collection task when a run was asked for on demand ({@code POST /collect});
 * absent for a scheduled run.
 *
 * @param runId the run id already answered to the caller
 * @param dryRun whether to fetch and validate only
 */
public record CollectionOrder(String runId, boolean dryRun) implements Serializable {
}
