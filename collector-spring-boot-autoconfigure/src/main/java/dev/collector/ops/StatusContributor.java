package dev.collector.ops;

/**
 * Adds a named section to GET /status. Declare a bean to plug a capability in (backfill
 * tasks in progress, for example); each contributor must answer quickly and must not
 * throw.
 */
public interface StatusContributor {

	/**
	 * Key of the section in the JSON answer, snake_case.
	 * @return the key, e.g. {@code backfill_tasks}
	 */
	String name();

	/**
	 * The section's content: JSON-friendly values (maps, lists, records with snake_case
	 * naming).
	 * @return the content
	 */
	Object status();

}
