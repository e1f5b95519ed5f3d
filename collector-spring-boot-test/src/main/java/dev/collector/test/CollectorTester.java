package dev.collector.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.awaitility.Awaitility;

import dev.collector.test.support.MutableClock;
import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillService;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Trigger;

/**
 * Drives the collector from a test: runs collections synchronously on the test's thread
 * and moves the test clock. Available as a bean in a {@link CollectorTest} and in any
 * test that adds {@link AutoConfigureCollectorTester}.
 * <p>
 * In an application with several collectors, {@link #collector(String)} gives the tester
 * of one: {@code tester.collector("prices").collect()} runs a collection of
 * {@code prices} only, through its own runner, sink and checkpoint. The bean itself
 * drives the default collector ({@code collector.default-collector} or the
 * {@code @Primary} one) when there is one; without one, its runs ask for a collector to
 * be named and {@link #reset()} resets every collector. A {@link CollectorTest} of one
 * collector of several ({@code @CollectorTest(collector = "prices")}) has that collector
 * only, and its tester is that collector's.
 */
public class CollectorTester {

	private final CollectionRunner runner;

	private final Clock clock;

	private final Supplier<BackfillService> backfill;

	private final Runnable reset;

	private final String name;

	private final Function<String, CollectorTester> collectors;

	public CollectorTester(CollectionRunner runner, Clock clock) {
		this(runner, clock, () -> null);
	}

	/**
	 * Create a tester that can also run backfills.
	 * @param runner the collection runner
	 * @param clock the application's clock
	 * @param backfill the backfill service, or a supplier of {@code null} where there is
	 * none
	 */
	public CollectorTester(CollectionRunner runner, Clock clock, Supplier<BackfillService> backfill) {
		this(runner, clock, backfill, () -> {
		});
	}

	/**
	 * Create a tester that can also run backfills and reset the collector's state.
	 * @param runner the collection runner
	 * @param clock the application's clock
	 * @param backfill the backfill service, or a supplier of {@code null} where there is
	 * none
	 * @param reset what {@link #reset()} does
	 */
	public CollectorTester(CollectionRunner runner, Clock clock, Supplier<BackfillService> backfill, Runnable reset) {
		this(null, Objects.requireNonNull(runner, "runner"), clock, backfill, reset, null);
	}

	/**
	 * Create the tester of a named collector, possibly one of several.
	 * @param name the collector's name, {@code null} when not known
	 * @param runner the collection runner, {@code null} for a tester of several
	 * collectors without a default one (its runs then ask for a collector)
	 * @param clock the application's clock
	 * @param backfill the backfill service, or a supplier of {@code null} where there is
	 * none
	 * @param reset what {@link #reset()} does
	 * @param collectors the tester of each collector by name, {@code null} with a single
	 * collector; it throws {@link IllegalArgumentException} for an unknown name
	 */
	public CollectorTester(String name, CollectionRunner runner, Clock clock, Supplier<BackfillService> backfill,
			Runnable reset, Function<String, CollectorTester> collectors) {
		this.name = name;
		this.runner = runner;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.backfill = Objects.requireNonNull(backfill, "backfill");
		this.reset = Objects.requireNonNull(reset, "reset");
		this.collectors = collectors;
	}

	/**
	 * The tester of one collector, by name: with several collectors, the one that runs
	 * that collector only; with a single one, this tester when the name is its name.
	 * @param name the collector's name
	 * @return its tester
	 * @throws IllegalArgumentException when no collector has that name
	 */
	public CollectorTester collector(String name) {
		if (this.collectors != null) {
			return this.collectors.apply(name);
		}
		if (this.name == null || this.name.equals(name)) {
			return this;
		}
		throw new IllegalArgumentException(
				"No collector named '" + name + "' in this test; the collector is '" + this.name + "'");
	}

	/**
	 * The name of the collector this tester drives.
	 * @return the name, empty for a tester of several collectors without a default one
	 * (or when not known)
	 */
	public Optional<String> name() {
		return Optional.ofNullable(this.name);
	}

	/**
	 * Put the collector back where a new context would start it: delete the rows of the
	 * record table and of the framework's tables (checkpoints, run history, quarantine,
	 * coverage ledger, backfill tasks; db-scheduler's {@code scheduled_tasks} stays), set
	 * a {@link MutableClock} back to its start, give every meter of the
	 * {@link CollectorTest} registry a fresh count and close the circuit breaker. A
	 * {@link CollectorTest} does this before every test method (unless
	 * {@code resetState = false}); call it yourself in a full application test, or
	 * between two phases of one test. Waits for no run: call it when none is in progress.
	 */
	public void reset() {
		this.reset.run();
	}

	/**
	 * Backfill a date range for every symbol, as {@code POST /backfill} would, and wait
	 * until the task has ended.
	 * @param start first day, inclusive
	 * @param end last day, inclusive
	 * @return the task's final progress (succeeded, failed or cancelled)
	 */
	public BackfillProgress backfill(LocalDate start, LocalDate end) {
		return backfill(new BackfillRequest(start.toString(), end.toString(), null, false, false),
				Duration.ofMinutes(1));
	}

	/**
	 * Start a backfill and wait until its task has ended; its chunks run on the
	 * application's scheduler, exactly as in production.
	 * @param request the request, as {@code POST /backfill} takes it
	 * @param timeout how long to wait at most
	 * @return the task's final progress
	 * @throws IllegalStateException when the application has no backfill (no database or
	 * no db-scheduler, or a {@link CollectorTest} slice, which leaves the scheduler out)
	 * @throws org.awaitility.core.ConditionTimeoutException when the task does not end in
	 * time
	 */
	public BackfillProgress backfill(BackfillRequest request, Duration timeout) {
		BackfillService service = this.backfill.get();
		if (service == null) {
			throw new IllegalStateException("This application has no BackfillService: backfill needs a DataSource and "
					+ "db-scheduler, and a full application context (@SpringBootTest or CollectorIntegrationTest)");
		}
		String taskId = service.start(request).task().taskId();
		return Awaitility.await("backfill " + taskId)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> service.progress(taskId), (progress) -> progress.status().finished());
	}

	/**
	 * The backfill tasks the application knows, newest first.
	 * @return their progress
	 */
	public List<BackfillProgress> backfillTasks() {
		BackfillService service = this.backfill.get();
		return (service != null) ? service.list(100) : List.of();
	}

	/**
	 * Run a collection as {@code POST /collect} would, and wait for its result.
	 * @return the result, successful or not
	 */
	public CollectionResult collect() {
		return runner().run(Trigger.MANUAL);
	}

	/**
	 * Run the collection that the schedule would start now, and wait for its result. The
	 * window runs from the checkpoint (or the configured look-back) to the clock's now.
	 * @return the result
	 */
	public CollectionResult triggerSchedule() {
		return runner().run(Trigger.SCHEDULED);
	}

	/**
	 * Move the test clock, then run the scheduled collection: what happens when the
	 * schedule's interval has passed.
	 * @param interval how far to move the clock
	 * @return the result
	 */
	public CollectionResult advanceAndTriggerSchedule(Duration interval) {
		advance(interval);
		return triggerSchedule();
	}

	/**
	 * Run an explicit request (a window, symbols, a dry run) and wait for its result.
	 * @param request the request
	 * @return the result
	 */
	public CollectionResult run(CollectionRequest request) {
		return runner().run(request);
	}

	/**
	 * Run what a backfill chunk runs for a range of days, and wait for its result: the
	 * window from the first day's start to the end of the last day (UTC), the given
	 * symbols (all when none), trigger {@code backfill}, so the live checkpoint stays and
	 * a retried request resumes its paged sources. Works in the {@link CollectorTest}
	 * slice, which has no scheduler for {@link #backfill(LocalDate, LocalDate)}.
	 * @param first first day, inclusive
	 * @param last last day, inclusive
	 * @param symbols the symbols, none for all
	 * @return the result
	 */
	public CollectionResult backfillChunk(LocalDate first, LocalDate last, String... symbols) {
		return run(new CollectionRequest(UUID.randomUUID().toString(), Trigger.BACKFILL,
				first.atStartOfDay(ZoneOffset.UTC).toInstant(),
				last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), Set.of(symbols), false, false));
	}

	/**
	 * Wait until no collection runs on this instance, e.g. after a {@code POST /collect}
	 * answered {@code 202} and the test wants the run to be over.
	 * @param timeout how long to wait at most
	 * @throws org.awaitility.core.ConditionTimeoutException when a run is still in
	 * progress
	 */
	public void awaitIdle(Duration timeout) {
		Awaitility.await("no collection in progress")
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> runner().runningRunId() == null);
	}

	/**
	 * Move the test clock.
	 * @param duration how far
	 * @return the new time
	 * @throws IllegalStateException when the application's clock is not a
	 * {@link MutableClock}
	 */
	public Instant advance(Duration duration) {
		return mutableClock().advance(duration);
	}

	/**
	 * The application's clock.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * The runner behind this tester, for what the tester does not wrap.
	 * @return the runner
	 */
	public CollectionRunner runner() {
		if (this.runner == null) {
			throw new IllegalStateException("This application has several collectors and no default one: pick one "
					+ "with tester.collector(\"<name>\"), or test one with @CollectorTest(collector = \"<name>\")");
		}
		return this.runner;
	}

	private MutableClock mutableClock() {
		if (this.clock instanceof MutableClock mutable) {
			return mutable;
		}
		throw new IllegalStateException("The application's Clock is a " + this.clock.getClass().getName()
				+ ", not a MutableClock: use @CollectorTest, or declare a MutableClock bean, to move time");
	}

}
