package dev.collector.cluster;

import java.io.Serializable;

/**
 * Data of the collection task when a run was asked for on demand ({@code POST /collect});
 * absent for a scheduled run.
 * <p>
 * Its name and package are stored with the data (db-scheduler serializes it with Java
 * serialization): renaming or moving it would make an order written by the previous
 * version unreadable after an upgrade, so it keeps them although "order" also reads as
 * {@code @Order}.
 *
 * @param runId the run id already answered to the caller
 * @param dryRun whether to fetch and validate only
 */
public record CollectionOrder(String runId, boolean dryRun) implements Serializable {
}
