package dev.collector.benchmarks.startup.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.collector.benchmarks.startup.ready.ReadyReporter;

/**
 * A bare web + actuator application: the baseline of the start-up comparison. Started on
 * a class path without the starter, JDBC or validation.
 */
@SpringBootApplication
public class BareApp {

	public static void main(String[] args) {
		ReadyReporter.run(new SpringApplication(BareApp.class), args);
	}

}
