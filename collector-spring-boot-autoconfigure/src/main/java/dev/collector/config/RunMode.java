package dev.collector.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

/**
 * What {@code collector.run} runs once before the application exits; unset, the
 * application is a long-running service.
 */
public enum RunMode {

	/** One collection from the checkpoint to now ({@code collector.run-once.dry-run}). */
	COLLECT,

	/**
	 * A backfill of {@code collector.run-once.from} .. {@code to}, its chunks executed by
	 * this process; waits for the task's end.
	 */
	BACKFILL,

	/** The connectivity check of the source. */
	CHECK,

	/** Prints the checkpoints and the coverage of every collector. */
	CHECKPOINTS;

	/** The property that selects a mode. */
	public static final String PROPERTY = "collector.run";

	/**
	 * The value as written in {@code collector.run}.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The mode an environment asks for. Read at run time (not in a condition), so that an
	 * application built ahead of time runs as a service or once from the same build.
	 * @param environment the environment
	 * @return the mode, empty for a long-running service
	 * @throws RunOnceRefusedException when the value names no mode
	 */
	public static Optional<RunMode> of(Environment environment) {
		return parse(environment.getProperty(PROPERTY));
	}

	/**
	 * The mode a value names.
	 * @param value the value of {@code collector.run}, possibly {@code null} or blank
	 * @return the mode, empty for none
	 * @throws RunOnceRefusedException when the value names no mode
	 */
	public static Optional<RunMode> parse(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String normalized = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
		return Optional.of(Arrays.stream(values())
			.filter((mode) -> mode.name().equals(normalized))
			.findFirst()
			.orElseThrow(() -> new RunOnceRefusedException(value.trim(),
					PROPERTY + "=" + value.trim() + " is not a mode; use one of "
							+ Arrays.stream(values()).map(RunMode::label).collect(Collectors.joining(", ")))));
	}

}
