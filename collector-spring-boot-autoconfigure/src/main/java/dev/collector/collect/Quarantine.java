package dev.collector.collect;

import java.util.List;

/**
 * Where records that failed validation, or that the store refused, are kept with the
 * reason, so that they are counted and can be inspected instead of being lost.
 */
public interface Quarantine {

	/**
	 * Keep records aside.
	 * @param collector the collector's name
	 * @param runId the run that fetched them
	 * @param records the records and their reasons
	 */
	void add(String collector, String runId, List<QuarantinedRecord> records);

	/**
	 * A record kept aside.
	 *
	 * @param payload the record as JSON
	 * @param reason why it was refused, e.g. {@code title: must not be blank}
	 */
	record QuarantinedRecord(String payload, String reason) {
	}

}
