package dev.collector.runonce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.config.RunMode;
import dev.collector.config.RunOnceRefusedException;

/**
 * A one-shot run of an application with several collectors: the {@link RunOnceTask} of
 * the mode in each collector's own context, one collector after the other, in their
 * declaration order. {@code collect}, {@code check} and {@code checkpoints} cover every
 * collector, or those {@code collector.run-once.collectors} names; a collector whose part
 * is refused or throws is reported so and the others still run. {@code backfill} fills
 * one collector: the one {@code collector.run-once.collectors} names, else the default
 * collector ({@code collector.default-collector} or the {@code @Primary} one); without
 * one it is refused, naming the choices.
 */
class CollectorsRunOnceTask implements RunOnceTask {

	private static final Log logger = LogFactory.getLog(CollectorsRunOnceTask.class);

	private final RunMode mode;

	private final CollectorRegistry registry;

	private final Supplier<List<String>> selection;

	/**
	 * Create the task.
	 * @param mode the mode it runs
	 * @param registry the collectors
	 * @param selection the names of the collectors asked for, empty for all
	 */
	CollectorsRunOnceTask(RunMode mode, CollectorRegistry registry, Supplier<List<String>> selection) {
		this.mode = mode;
		this.registry = registry;
		this.selection = selection;
	}

	@Override
	public RunMode mode() {
		return this.mode;
	}

	@Override
	public List<RunOnceReport> run() {
		List<CollectorUnit> selected = selected();
		if (this.mode == RunMode.BACKFILL) {
			// refusals and failures end the run as with a single collector
			CollectorUnit unit = backfillUnit(selected);
			return task(unit).orElseThrow(() -> notAvailable(unit)).run();
		}
		List<RunOnceReport> reports = new ArrayList<>();
		for (CollectorUnit unit : selected) {
			reports.addAll(runPart(unit));
		}
		return reports;
	}

	private List<RunOnceReport> runPart(CollectorUnit unit) {
		try {
			return task(unit).orElseThrow(() -> notAvailable(unit)).run();
		}
		catch (RunOnceRefusedException ex) {
			logger.warn("collector.run=" + this.mode.label() + " refused for " + unit + ": " + ex.getMessage());
			return List.of(report(unit, RunOnceStatus.REFUSED, ex.getMessage()));
		}
		catch (RuntimeException ex) {
			String error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			logger.error("collector.run=" + this.mode.label() + " failed for " + unit + ": " + error, ex);
			return List.of(report(unit, RunOnceStatus.FAILED, error));
		}
	}

	private static RunOnceReport report(CollectorUnit unit, RunOnceStatus status, String error) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("error", error);
		return new RunOnceReport(unit.name(), status, details);
	}

	private List<CollectorUnit> selected() {
		List<String> asked = this.selection.get()
			.stream()
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.distinct()
			.toList();
		if (asked.isEmpty()) {
			return this.registry.units();
		}
		List<String> unknown = asked.stream().filter((name) -> unit(name).isEmpty()).toList();
		if (!unknown.isEmpty()) {
			throw new RunOnceRefusedException(this.mode.label(), "collector.run-once.collectors names no collector "
					+ String.join(", ", unknown) + "; the collectors are " + String.join(", ", this.registry.names()));
		}
		// in declaration order, each once
		return this.registry.units()
			.stream()
			.filter((unit) -> asked.stream().anyMatch((name) -> name.equalsIgnoreCase(unit.name())))
			.toList();
	}

	private Optional<CollectorUnit> unit(String name) {
		return this.registry.units().stream().filter((unit) -> unit.name().equalsIgnoreCase(name)).findFirst();
	}

	private CollectorUnit backfillUnit(List<CollectorUnit> selected) {
		if (selected.size() == 1) {
			return selected.get(0);
		}
		boolean all = selected.size() == this.registry.units().size();
		Optional<CollectorUnit> defaultUnit = this.registry.defaultUnit();
		if (all && defaultUnit.isPresent() && this.selection.get().stream().allMatch(String::isBlank)) {
			return defaultUnit.get();
		}
		throw new RunOnceRefusedException(this.mode.label(),
				"collector.run=backfill fills one collector, and this application has " + this.registry.units().size()
						+ " (" + String.join(", ", this.registry.names())
						+ "): name one with collector.run-once.collectors=<name>, or designate a default one with "
						+ "collector.default-collector");
	}

	private Optional<RunOnceTask> task(CollectorUnit unit) {
		// the collector's own context only (getBeansOfType does not look at its parent)
		return unit.context()
			.getBeansOfType(RunOnceTask.class)
			.values()
			.stream()
			.filter((task) -> task.mode() == this.mode)
			.findFirst();
	}

	private RunOnceRefusedException notAvailable(CollectorUnit unit) {
		return new RunOnceRefusedException(this.mode.label(),
				"collector.run=" + this.mode.label() + " is not available for " + unit
						+ ((this.mode == RunMode.BACKFILL)
								? " (a backfill needs a DataSource and db-scheduler on the class path)" : ""));
	}

}
