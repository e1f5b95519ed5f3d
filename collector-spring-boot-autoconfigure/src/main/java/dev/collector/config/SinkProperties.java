package dev.collector.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;

/**
 * Writing valid records.
 */
public class SinkProperties {

	/**
	 * Number of records written, and committed, together.
	 */
	private int batchSize = 1000;

	/**
	 * Whether the next batch is read and validated while the previous one is written (one
	 * batch in flight, on a writer thread). Off, every batch is written on the
	 * collection's own thread, as it is anyway inside a transaction of the caller's.
	 */
	private boolean pipelined = true;

	/**
	 * Sinks every batch is written to, in order: jdbc (the record table, or the
	 * application's own RecordSink), jsonl, csv. With several, a batch counts as
	 * committed, and the checkpoint moves, only when all of them committed it.
	 */
	private List<SinkType> types = new ArrayList<>(List.of(SinkType.JDBC));

	@NestedConfigurationProperty
	private final FileSinkProperties file = new FileSinkProperties();

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public boolean isPipelined() {
		return this.pipelined;
	}

	public void setPipelined(boolean pipelined) {
		this.pipelined = pipelined;
	}

	public List<SinkType> getTypes() {
		return this.types;
	}

	public void setTypes(List<SinkType> types) {
		this.types = types;
	}

	public FileSinkProperties getFile() {
		return this.file;
	}

	void validate(Errors errors) {
		if (this.batchSize < 1) {
			errors.rejectValue("batchSize", "range", "must be at least 1");
		}
		if (this.types == null || this.types.isEmpty()) {
			errors.rejectValue("types", "required", "must name at least one sink: jdbc, jsonl or csv");
		}
	}

}
