package dev.collector.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.config.CollectorIdentity;
import dev.collector.collect.CollectorEndpoint;

/**
 * {@code GET /performance}: read from the collector's Micrometer meters (no bookkeeping
 * of its own), since this instance started: mean collection time in seconds, success and
 * error rate in percent, mean database (batch write) and API (source) latency in
 * milliseconds, and the process's heap use and CPU load.
 */
@RestController
@CollectorEndpoint
public class PerformanceController {

	private static final double MEGABYTE = 1024.0 * 1024.0;

	private final MeterRegistry registry;

	private final String prefix;

	private final String collector;

	public PerformanceController(MeterRegistry registry, String meterPrefix, CollectorIdentity identity) {
		this.registry = registry;
		this.prefix = meterPrefix;
		this.collector = identity.name();
	}

	@GetMapping("/performance")
	public PerformanceReport performance() {
		double succeeded = requests("success");
		double failed = requests("error");
		double all = succeeded + failed;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		double usedMb = (memory.getHeapMemoryUsage().getUsed() + memory.getNonHeapMemoryUsage().getUsed()) / MEGABYTE;
		return new PerformanceReport(round(meanSeconds("collection.duration")),
				(all > 0) ? round(100 * succeeded / all) : 100.0, (all > 0) ? round(100 * failed / all) : 0.0,
				round(meanSeconds("sink.duration") * 1000), round(meanSeconds("source.duration") * 1000), (long) all,
				round(usedMb), round(cpuPercent()));
	}

	private double requests(String status) {
		return this.registry.find(this.prefix + ".collection.requests")
			.tag("collector", this.collector)
			.tag("status", status)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private double meanSeconds(String name) {
		Timer timer = this.registry.find(this.prefix + "." + name).tag("collector", this.collector).timer();
		return (timer != null && timer.count() > 0) ? timer.mean(TimeUnit.SECONDS) : 0.0;
	}

	/** Micrometer's process CPU gauge when bound, else the JVM's own figure. */
	private double cpuPercent() {
		Gauge gauge = this.registry.find("process.cpu.usage").gauge();
		double load = (gauge != null) ? gauge.value() : Double.NaN;
		if (Double.isNaN(load) || load < 0) {
			OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
			load = (os instanceof com.sun.management.OperatingSystemMXBean sun) ? sun.getProcessCpuLoad() : -1;
		}
		return (load < 0 || Double.isNaN(load)) ? 0.0 : load * 100;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * The answer of GET /performance.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record PerformanceReport(double avgCollectionTime, double successRate, double errorRate,
			double databaseLatency, double apiLatency, long collections, double memoryUsageMb, double cpuUsagePercent) {
	}

}
