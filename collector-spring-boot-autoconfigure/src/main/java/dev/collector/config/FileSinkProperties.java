package dev.collector.config;

import org.springframework.util.unit.DataSize;

/**
 * The JSON-lines and CSV file sinks ({@code collector.sink.file.*}).
 */
public class FileSinkProperties {

	/**
	 * Directory the file sinks write to; created when missing.
	 */
	private String directory = "collected";

	/**
	 * Size after which a file sink starts a new file.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(100);

	/**
	 * Whether a file sink starts a new file every day (UTC).
	 */
	private boolean rotateDaily = true;

	/**
	 * Whether a file sink forces every batch to disk (fsync) before reporting it
	 * committed; switching it off is faster but a crash may lose the latest batches.
	 */
	private boolean fsync = true;

	public String getDirectory() {
		return this.directory;
	}

	public void setDirectory(String directory) {
		this.directory = directory;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public boolean isRotateDaily() {
		return this.rotateDaily;
	}

	public void setRotateDaily(boolean rotateDaily) {
		this.rotateDaily = rotateDaily;
	}

	public boolean isFsync() {
		return this.fsync;
	}

	public void setFsync(boolean fsync) {
		this.fsync = fsync;
	}

}
