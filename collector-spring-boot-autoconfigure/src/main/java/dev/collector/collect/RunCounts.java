package dev.collector.collect;

/**
 * The record counts of a run as it goes, shared by the windows of one run (its own and
 * the retries of failed parts), so that a run that fails still reports what it read.
 * Updated on the collection thread only.
 */
final class RunCounts {

	long collected;

	long inserted;

	long duplicates;

	long invalid;

	long repeated;

	/**
	 * The counts so far.
	 * @return a snapshot
	 */
	public RecordCounts snapshot() {
		return new RecordCounts(this.collected, this.inserted, this.duplicates, this.invalid, this.repeated);
	}

}
