package dev.collector.runonce;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import dev.collector.config.RunMode;
import dev.collector.config.RunOnceRefusedException;

/**
 * Runs the {@link RunOnceTask} of {@code collector.run} when the application has started,
 * then closes the context (which pushes the metrics when a Pushgateway is configured:
 * {@code management.prometheus.metrics.export.pushgateway.*}), prints the one-line JSON
 * summary on stdout and exits the JVM with the run's exit code: 0 succeeded, 1 failed, 2
 * partial, 3 refused. Without {@code collector.run} it does nothing.
 */
public class RunOnceRunner
		implements ApplicationRunner, ExitCodeGenerator, ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(RunOnceRunner.class);

	private final Optional<RunMode> mode;

	private final List<RunOnceTask> tasks;

	private final boolean exit;

	private final PrintStream out;

	private final Function<List<RunOnceStatus>, RunOnceStatus> outcome;

	private volatile Map<String, Object> summary;

	private volatile RunOnceStatus status;

	/**
	 * Create the runner.
	 * @param mode the mode, empty for a service
	 * @param tasks the tasks, one per mode
	 * @param exit whether to exit the JVM after the run
	 * @param out where the summary goes (stdout)
	 */
	public RunOnceRunner(Optional<RunMode> mode, List<RunOnceTask> tasks, boolean exit, PrintStream out) {
		this(mode, tasks, exit, out, RunOnceStatus::overall);
	}

	/**
	 * Create the runner with the rule that makes one status of its reports'.
	 * @param mode the mode, empty for a service
	 * @param tasks the tasks, one per mode
	 * @param exit whether to exit the JVM after the run
	 * @param out where the summary goes (stdout)
	 * @param outcome the run's status from the status of each report
	 * ({@link RunOnceStatus#overall} for a single collector, {@link RunOnceStatus#worst}
	 * for several)
	 */
	public RunOnceRunner(Optional<RunMode> mode, List<RunOnceTask> tasks, boolean exit, PrintStream out,
			Function<List<RunOnceStatus>, RunOnceStatus> outcome) {
		this.mode = mode;
		this.tasks = tasks;
		this.exit = exit;
		this.out = out;
		this.outcome = outcome;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.mode.isEmpty()) {
			return;
		}
		RunMode runMode = this.mode.get();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("collector_run", runMode.label());
		RunOnceStatus outcome;
		List<Map<String, Object>> collectors = new ArrayList<>();
		String error = null;
		try {
			List<RunOnceReport> reports = task(runMode).run();
			for (RunOnceReport report : reports) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("name", report.collector());
				entry.put("status", report.status().label());
				entry.putAll(report.details());
				collectors.add(entry);
			}
			outcome = this.outcome.apply(reports.stream().map(RunOnceReport::status).toList());
		}
		catch (RunOnceRefusedException ex) {
			outcome = RunOnceStatus.REFUSED;
			error = ex.getMessage();
			logger.warn("collector.run=" + runMode.label() + " refused: " + error);
		}
		catch (RuntimeException ex) {
			outcome = RunOnceStatus.FAILED;
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			logger.error("collector.run=" + runMode.label() + " failed: " + error, ex);
		}
		summary.put("status", outcome.label());
		summary.put("exit_code", outcome.exitCode());
		summary.put("collectors", collectors);
		if (error != null) {
			summary.put("error", error);
		}
		this.status = outcome;
		this.summary = summary;
		logger.info("collector.run=" + runMode.label() + " ended " + outcome.label() + " (exit code "
				+ outcome.exitCode() + ")");
		if (!this.exit) {
			print(summary);
		}
	}

	/**
	 * How the run ended.
	 * @return the status, empty before the run ended or without a run
	 */
	public Optional<RunOnceStatus> status() {
		return Optional.ofNullable(this.status);
	}

	/**
	 * The summary that is printed.
	 * @return the summary, empty before the run ended or without a run
	 */
	public Optional<Map<String, Object>> summary() {
		return Optional.ofNullable(this.summary);
	}

	@Override
	public int getExitCode() {
		RunOnceStatus current = this.status;
		return (current != null) ? current.exitCode() : 0;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Map<String, Object> current = this.summary;
		if (current == null || !this.exit) {
			return;
		}
		// closing the context stops the scheduler and pushes the metrics; the summary
		// comes last, so that "| tail -1" finds it after the shutdown's log lines
		int code = SpringApplication.exit(event.getApplicationContext());
		print(current);
		System.exit(code);
	}

	@Override
	public int getOrder() {
		// after the application's own runners: the run is what the process is for
		return Ordered.LOWEST_PRECEDENCE;
	}

	private RunOnceTask task(RunMode runMode) {
		return this.tasks.stream()
			.filter((task) -> task.mode() == runMode)
			.findFirst()
			.orElseThrow(
					() -> new RunOnceRefusedException(runMode.label(),
							"collector.run=" + runMode.label() + " is not available in this application"
									+ ((runMode == RunMode.BACKFILL)
											? " (a backfill needs a DataSource and db-scheduler on the class path)"
											: "")));
	}

	private void print(Map<String, Object> summary) {
		this.out.println(json(summary));
		this.out.flush();
	}

	static String json(Map<String, Object> summary) {
		try {
			return new ObjectMapper().writeValueAsString(summary);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
