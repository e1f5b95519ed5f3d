package dev.collector.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.collector.collect.RecordSink;
import dev.collector.collect.WriteResult;

/**
 * A sink appending records to text files, one file per day (UTC) and a new file when the
 * current one passes its size limit: {@code <base>-<yyyy-MM-dd>-<n>.<extension>}. Every
 * batch is written whole and, with fsync on, forced to disk before {@link #write(List)}
 * returns, so a batch reported committed survives a crash.
 * <p>
 * A file cannot tell which records it already holds: every record counts as inserted and
 * a window fetched again after a failed run is appended again (readers de-duplicate by
 * natural key, or use the JDBC sink alongside).
 *
 * @param <T> the record type
 */
public abstract class RotatingFileRecordSink<T> implements RecordSink<T>, AutoCloseable {

	private final Path directory;

	private final String baseName;

	private final String extension;

	private final long maxBytes;

	private final boolean rotateDaily;

	private final boolean fsync;

	private final Clock clock;

	private FileChannel channel;

	private Path current;

	private LocalDate currentDay;

	private int currentIndex;

	protected RotatingFileRecordSink(Path directory, String baseName, String extension, long maxBytes,
			boolean rotateDaily, boolean fsync, Clock clock) {
		this.directory = directory;
		this.baseName = baseName;
		this.extension = extension;
		this.maxBytes = maxBytes;
		this.rotateDaily = rotateDaily;
		this.fsync = fsync;
		this.clock = clock;
	}

	/**
	 * A copy of the application's mapper that writes one line per value and ISO-8601
	 * timestamps, whatever the application's pretty-printing says.
	 * @param mapper the application's mapper
	 * @return the copy
	 */
	protected static ObjectMapper oneLineMapper(ObjectMapper mapper) {
		return mapper.copy()
			.disable(SerializationFeature.INDENT_OUTPUT)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
	}

	/**
	 * The text of one batch: complete lines, each ending with a line break.
	 * @param batch the records
	 * @return the lines
	 * @throws IOException when a record cannot be formatted
	 */
	protected abstract String format(List<T> batch) throws IOException;

	/**
	 * What a new file starts with (a CSV header, for instance).
	 * @param firstBatch the batch about to be written to the new file
	 * @return the text, or an empty string
	 */
	protected String header(List<T> firstBatch) {
		return "";
	}

	@Override
	public synchronized WriteResult<T> write(List<T> batch) throws IOException {
		String body = format(batch);
		FileChannel target = channelFor();
		if (target.size() == 0) {
			body = header(batch) + body;
		}
		ByteBuffer bytes = ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
		long start = target.size();
		try {
			while (bytes.hasRemaining()) {
				target.write(bytes);
			}
			if (this.fsync) {
				target.force(true);
			}
		}
		catch (IOException ex) {
			// never leave half a batch behind: a reader would see a broken line
			target.truncate(start);
			throw ex;
		}
		return WriteResult.of(batch.size(), 0);
	}

	/**
	 * @return the file written to now, or {@code null} before the first batch
	 */
	public synchronized Path currentFile() {
		return this.current;
	}

	@Override
	public synchronized void close() throws IOException {
		if (this.channel != null) {
			this.channel.close();
			this.channel = null;
		}
	}

	private FileChannel channelFor() throws IOException {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		boolean newDay = this.rotateDaily && !today.equals(this.currentDay);
		if (this.channel == null || newDay || this.channel.size() >= this.maxBytes) {
			close();
			Files.createDirectories(this.directory);
			if (this.currentDay == null || newDay) {
				this.currentDay = today;
				this.currentIndex = latestIndex(today);
			}
			Path candidate = path(this.currentDay, this.currentIndex);
			while (Files.exists(candidate) && Files.size(candidate) >= this.maxBytes) {
				candidate = path(this.currentDay, ++this.currentIndex);
			}
			this.current = candidate;
			this.channel = FileChannel.open(candidate, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
		}
		return this.channel;
	}

	/** After a restart, go on with the day's last file instead of starting at 0 again. */
	private int latestIndex(LocalDate day) {
		int index = 0;
		while (Files.exists(path(day, index + 1))) {
			index++;
		}
		return index;
	}

	private Path path(LocalDate day, int index) {
		String dayPart = this.rotateDaily ? "-" + day : "";
		return this.directory.resolve(this.baseName + dayPart + "-" + index + "." + this.extension);
	}

}
