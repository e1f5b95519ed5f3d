package dev.collector.runonce;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;

import dev.collector.config.RunOnceRefusedException;

import static org.assertj.core.api.Assertions.assertThat;

class RunOnceFailureReporterTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private PrintStream stdout;

	@BeforeEach
	void captureStdout() {
		this.stdout = System.out;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restoreStdout() {
		System.setOut(this.stdout);
	}

	@Test
	void aRefusedModePrintsARefusedSummaryWithExitCodeThree() {
		report(new String[0], new RunOnceRefusedException("colect", "collector.run=colect is not a mode"));
		assertThat(printed()).isEqualTo("{\"collector_run\":\"colect\",\"status\":\"refused\",\"exit_code\":3,"
				+ "\"collectors\":[],\"error\":\"collector.run=colect is not a mode\"}");
	}

	@Test
	void aStartUpThatFailedPrintsAFailedSummary() {
		report(new String[] { "--collector.run=collect" },
				new IllegalStateException("context", new IllegalArgumentException("database down")));
		assertThat(printed()).startsWith("{\"collector_run\":\"collect\",\"status\":\"failed\",\"exit_code\":1,")
			.contains("database down");
	}

	@Test
	void aServiceThatFailedPrintsNothing() {
		report(new String[0], new IllegalStateException("database down"));
		assertThat(printed()).isEmpty();
	}

	private void report(String[] args, Throwable failure) {
		new RunOnceFailureReporter()
			.onApplicationEvent(new ApplicationFailedEvent(new SpringApplication(), args, null, failure));
	}

	private String printed() {
		return this.out.toString(StandardCharsets.UTF_8).strip();
	}

}
