package dev.collector.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
		// a copy: one object per line, whatever the application's pretty-printing says
		this.mapper = mapper.copy()
			.disable(SerializationFeature.INDENT_OUTPUT)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
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
