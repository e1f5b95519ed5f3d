package dev.collector.config;

/**
 * The sinks {@code collector.sink.types} can select.
 */
public enum SinkType {

	/**
	 * The application's {@code RecordSink} bean: the JDBC sink unless the application
	 * declares its own.
	 */
	JDBC,

	/**
	 * One JSON object per line ({@code JsonLinesRecordSink}).
	 */
	JSONL,

	/**
	 * Comma-separated values with a header line ({@code CsvRecordSink}).
	 */
	CSV

}
