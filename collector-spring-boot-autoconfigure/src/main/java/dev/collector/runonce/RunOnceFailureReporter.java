package dev.collector.runonce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.collector.config.RunMode;
import dev.collector.config.RunOnceRefusedException;

/**
 * Prints the one-line JSON summary of a one-shot run when the application did not even
 * start (the database unreachable, a bad {@code collector.run}, an impossible
 * configuration), with the exit code Spring Boot then exits with: the code of an
 * {@link ExitCodeGenerator} exception (3 for a refused run), else 1. Registered in
 * {@code META-INF/spring.factories}, so it hears failures before the context exists.
 */
public class RunOnceFailureReporter implements ApplicationListener<ApplicationFailedEvent> {

	@Override
	public void onApplicationEvent(ApplicationFailedEvent event) {
		Throwable failure = event.getException();
		String mode = mode(event.getApplicationContext(), failure, event.getArgs());
		if (mode == null) {
			return;
		}
		int exitCode = exitCode(failure);
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("collector_run", mode);
		summary.put("status", (exitCode == RunOnceRefusedException.EXIT_CODE) ? RunOnceStatus.REFUSED.label()
				: RunOnceStatus.FAILED.label());
		summary.put("exit_code", exitCode);
		summary.put("collectors", List.of());
		summary.put("error", message(failure));
		System.out.println(RunOnceRunner.json(summary));
		System.out.flush();
	}

	private static String mode(ConfigurableApplicationContext context, Throwable failure, String[] args) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RunOnceRefusedException refused) {
				return refused.getMode();
			}
		}
		if (context != null) {
			String value = context.getEnvironment().getProperty(RunMode.PROPERTY);
			return (value != null && !value.isBlank()) ? value.trim() : null;
		}
		for (String arg : (args != null) ? args : new String[0]) {
			if (arg.startsWith("--" + RunMode.PROPERTY + "=")) {
				return arg.substring(RunMode.PROPERTY.length() + 3).trim();
			}
		}
		return null;
	}

	private static int exitCode(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ExitCodeGenerator generator && generator.getExitCode() != 0) {
				return generator.getExitCode();
			}
		}
		return 1;
	}

	private static String message(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == failure) ? message : failure.getClass().getSimpleName() + ": " + message;
	}

}
