package dev.collector.config;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A one-shot run ({@code collector.run}) refused before it started: a bad argument, or a
 * run of the same kind already in progress in the cluster. The process exits with
 * {@value #EXIT_CODE}, which Spring Boot reads from this exception when it ends start-up.
 */
public class RunOnceRefusedException extends RuntimeException implements ExitCodeGenerator {

	/** Exit code of a refused run. */
	public static final int EXIT_CODE = 3;

	private final String mode;

	/**
	 * Create the exception.
	 * @param mode the mode asked for, as given
	 * @param message why it was refused
	 */
	public RunOnceRefusedException(String mode, String message) {
		super(message);
		this.mode = mode;
	}

	/**
	 * The mode asked for.
	 * @return the value of {@code collector.run}, as given
	 */
	public String getMode() {
		return this.mode;
	}

	@Override
	public int getExitCode() {
		return EXIT_CODE;
	}

}
