package dev.collector.sink;

/**
 * The sinks {@code collector.sink.types} can select.
 */
public enum SinkType {

	/**
	 * The application's {@link RecordSink} bean: the JDBC sink unless the application
	 * declares its own.
	 */
	JDBC,

	/**
	 * One JSON object per line ({@link JsonLinesRecordSink}).
	 */
	JSONL,

	/**
	 * Comma-separated values with a header line ({@link CsvRecordSink}).
	 */
	CSV

}
