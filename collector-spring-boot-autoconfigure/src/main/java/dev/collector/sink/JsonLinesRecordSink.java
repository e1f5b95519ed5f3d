package dev.collector.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes each record as one JSON object per line (JSON lines), with the application's
 * Jackson settings; timestamps as ISO-8601 text.
 *
 * @param <T> the record type
 */
public class JsonLinesRecordSink<T> extends RotatingFileRecordSink<T> {

	private final ObjectMapper mapper;

	public JsonLinesRecordSink(ObjectMapper mapper, Path directory, String baseName, long maxBytes, boolean rotateDaily,
			boolean fsync, Clock clock) {
		super(directory, baseName, "jsonl", maxBytes, rotateDaily, fsync, clock);
		this.mapper = oneLineMapper(mapper);
	}

	@Override
	protected String format(List<T> batch) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (T record : batch) {
			lines.append(this.mapper.writeValueAsString(record)).append('\n');
		}
		return lines.toString();
	}

}
