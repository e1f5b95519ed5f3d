package dev.collector.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes records as comma-separated values (RFC 4180: fields with a comma, quote or line
 * break are quoted), with a header line at the top of every file. The columns are the
 * record's JSON properties, in the order Jackson writes them; nested values are written
 * as JSON text.
 *
 * @param <T> the record type
 */
public class CsvRecordSink<T> extends RotatingFileRecordSink<T> {

	private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {
	};

	private final ObjectMapper mapper;

	public CsvRecordSink(ObjectMapper mapper, Path directory, String baseName, long maxBytes, boolean rotateDaily,
			boolean fsync, Clock clock) {
		super(directory, baseName, "csv", maxBytes, rotateDaily, fsync, clock);
		this.mapper = oneLineMapper(mapper);
	}

	@Override
	protected String header(List<T> firstBatch) {
		return line(new ArrayList<>(this.mapper.convertValue(firstBatch.get(0), ROW).keySet()));
	}

	@Override
	protected String format(List<T> batch) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (T record : batch) {
			List<String> fields = new ArrayList<>();
			for (Object value : this.mapper.convertValue(record, ROW).values()) {
				fields.add(text(value));
			}
			lines.append(line(fields));
		}
		return lines.toString();
	}

	private String text(Object value) throws IOException {
		if (value == null) {
			return "";
		}
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			return this.mapper.writeValueAsString(value);
		}
		return value.toString();
	}

	private static String line(List<String> fields) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(escape(fields.get(i)));
		}
		return line.append("\r\n").toString();
	}

	static String escape(String field) {
		if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
			return '"' + field.replace("\"", "\"\"") + '"';
		}
		return field;
	}

}
